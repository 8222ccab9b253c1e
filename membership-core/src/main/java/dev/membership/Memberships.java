package dev.membership;

import dev.membership.crypto.Argon2idPasswordHasher;
import dev.membership.crypto.SecureSecretGenerator;
import dev.membership.internal.ApplicationCatalogue;
import dev.membership.internal.CheckCache;
import dev.membership.internal.Context;
import dev.membership.internal.ObservedCommands;
import dev.membership.internal.PasswordPolicy;
import dev.membership.spi.BreachedPasswordCheck;
import dev.membership.spi.CommandObserver;
import dev.membership.spi.MembershipEventListener;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.PasswordHasher;
import dev.membership.spi.SecretGenerator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The library's entry point: one object per application, thread-safe, built once with
 * {@link #builder()}. Each capability is reached through one accessor; every command takes the acting
 * account first and checks its permission in the organisation before anything else.
 *
 * <pre>{@code
 * Memberships membership = Memberships.builder()
 *     .store(store)
 *     .notifications(notification -> mailer.send(notification))
 *     .invitationLinks(token -> URI.create("https://app.example/invite/" + token))
 *     .emailVerificationLinks(token -> URI.create("https://app.example/verify/" + token))
 *     .build();
 * }</pre>
 */
public final class Memberships implements AutoCloseable {
  private final Context context;
  private final Organisations organisations;
  private final Members members;
  private final Invitations invitations;
  private final JoinRequests joinRequests;
  private final Roles roles;
  private final Entitlements entitlements;
  private final Accounts accounts;
  private final Access access;
  private final AuditLog audit;
  private final Outbox outbox;
  private final Applications applications;
  private final Domains domains;
  private final Erasure erasure;
  private final Retention retention;

  private Memberships(Context context, Duration catalogueStaleness, Duration endNoticeLead,
      Optional<CheckCache> accessCache) {
    this.context = context;
    ApplicationCatalogue catalogue = new ApplicationCatalogue(context, catalogueStaleness);
    this.applications = new Applications(context, catalogue);
    this.organisations = new Organisations(context);
    this.members = new Members(context);
    this.invitations = new Invitations(context);
    this.joinRequests = new JoinRequests(context, invitations);
    this.roles = new Roles(context);
    this.entitlements = new Entitlements(context, endNoticeLead);
    this.accounts = new Accounts(context);
    this.access = new Access(context, catalogue, accessCache);
    this.audit = new AuditLog(context);
    this.outbox = new Outbox(context);
    this.domains = new Domains(context);
    this.erasure = new Erasure(context);
    this.retention = new Retention(context);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Create, rename, delete organisations; an account's organisations. */
  public Organisations organisations() {
    return organisations;
  }

  /** The members page: list, roles, access, deactivate, reactivate, remove, create directly. */
  public Members members() {
    return members;
  }

  /** Invite, resend, cancel, preview, accept. */
  public Invitations invitations() {
    return invitations;
  }

  /** Request to join, approve, deny, withdraw. */
  public JoinRequests joinRequests() {
    return joinRequests;
  }

  /** Built-in and custom roles. */
  public Roles roles() {
    return roles;
  }

  /** Application access the organisation holds. */
  public Entitlements entitlements() {
    return entitlements;
  }

  /** Sign up and prove the address, sign in, change password, the account's own history. */
  public Accounts accounts() {
    return accounts;
  }

  /** Permission and entitlement checks for every request. */
  public Access access() {
    return access;
  }

  /** The organisation's audit log. */
  public AuditLog audit() {
    return audit;
  }

  /** The notification outbox. */
  public Outbox outbox() {
    return outbox;
  }

  /**
   * The deployment's application catalogue (host-managed, not per organisation): minimum client
   * versions, the clients members last used, whom to warn before a new policy applies.
   */
  public Applications applications() {
    return applications;
  }

  /** Verified domains: add, prove by DNS, suggest or enrol accounts of the domain. */
  public Domains domains() {
    return domains;
  }

  /**
   * Lets a delivery after commit that is running finish (up to 10 seconds) and stops the library's
   * own delivery thread ({@link Builder#deliverNotificationsInBackground()}); a host's {@link Builder#notificationExecutor executor} is left alone. What is
   * still due stays in the outbox for {@link Outbox#deliverDue()}. Commands still work after it, but
   * deliver nothing after commit.
   */
  @Override
  public void close() {
    context.delivery.close();
  }

  /**
   * Erasing a person (GDPR art. 17): "delete my account", or the operator on a request; the
   * organisations keep their history under a pseudonym.
   */
  public Erasure erasure() {
    return erasure;
  }

  /** The upkeep the host schedules: deletes what is over and past its retention. */
  public Retention retention() {
    return retention;
  }

  /** Builds a {@link Memberships}. The store and the invitation links are required. */
  public static final class Builder {
    private @Nullable MembershipStore store;
    private NotificationSender sender = notification -> {};
    private @Nullable Function<String, URI> invitationLinks;
    private @Nullable Function<String, URI> emailVerificationLinks;
    private Clock clock = Clock.systemUTC();
    private @Nullable PasswordHasher hasher;
    private SecretGenerator secrets = new SecureSecretGenerator();
    private BreachedPasswordCheck breached = BreachedPasswordCheck.none();
    private MembershipPolicy policy = MembershipPolicy.defaults();
    private boolean deliverAfterCommit = true;
    private @Nullable Executor deliveryExecutor;
    private boolean deliverInBackground;
    private CommandObserver observer = CommandObserver.none();
    private final List<MembershipEventListener> listeners = new ArrayList<>();
    private Duration catalogueStaleness = Duration.ofSeconds(30);
    private Duration endNoticeLead = Duration.ofDays(7);
    private @Nullable AccessCache accessCache;

    private Builder() {}

    /**
     * Answers the read-only checks ({@code access().has}, {@code check}, {@code permissions}, {@code
     * hasEntitlement}, the application check) from an in-process cache: an active member's access is
     * kept up to {@link AccessCache#maxStaleness()}, dropped at once by every change committed through
     * this instance, and only a yes is answered from it (see {@link AccessCache}). Default: no cache,
     * every check reads the store. Commands never use it.
     */
    public Builder accessCache(AccessCache cache) {
      this.accessCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * How old the application catalogue that {@code access().check} uses may be: it is read again
     * when older (by the library's clock), and at once after a change through this instance. A change
     * made by another instance reaches this one within it. Default: 30 seconds; 0 reads it at every check.
     */
    public Builder applicationCatalogueStaleness(Duration staleness) {
      if (Objects.requireNonNull(staleness, "staleness").isNegative()) {
        throw new IllegalArgumentException("the staleness must not be negative");
      }
      this.catalogueStaleness = staleness;
      return this;
    }

    /**
     * How long before a trial or licence ends its organisation's entitlement managers are told ({@code
     * NotificationType.ENTITLEMENT_ENDING}, sent by {@code entitlements().sendEndNotices()}). Default: 7 days.
     */
    public Builder entitlementEndNotice(Duration lead) {
      if (Objects.requireNonNull(lead, "lead").isNegative() || lead.isZero()) {
        throw new IllegalArgumentException("the notice must come some time before the end");
      }
      this.endNoticeLead = lead;
      return this;
    }

    /** Where the data lives: the jOOQ store, or the testkit's in-memory store. */
    public Builder store(MembershipStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Delivers notifications (e-mails); called from the outbox after commit. Default: drops them. */
    public Builder notifications(NotificationSender sender) {
      this.sender = Objects.requireNonNull(sender, "sender");
      return this;
    }

    /** Turns an invitation token into the link the e-mail carries. Required. */
    public Builder invitationLinks(Function<String, URI> links) {
      this.invitationLinks = Objects.requireNonNull(links, "links");
      return this;
    }

    /**
     * Turns an address-verification token into the link the sign-up e-mail carries ({@code
     * NotificationType.VERIFY_EMAIL}); the page behind it asks for the password chosen at sign-up and
     * calls {@code accounts().verifyEmail(token, password)}. Needed for self-registration ({@code
     * accounts().register}); a host whose people join only by invitation or admin creation may leave it out.
     */
    public Builder emailVerificationLinks(Function<String, URI> links) {
      this.emailVerificationLinks = Objects.requireNonNull(links, "links");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Default: Argon2id at m=19456 KiB, t=2, p=1. */
    public Builder passwordHasher(PasswordHasher hasher) {
      this.hasher = Objects.requireNonNull(hasher, "hasher");
      return this;
    }

    /** Default: {@link SecureSecretGenerator}. */
    public Builder secrets(SecretGenerator secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /** Refuses known-breached or blocklisted passwords. Default: none beyond the built-in rules. */
    public Builder breachedPasswords(BreachedPasswordCheck check) {
      this.breached = Objects.requireNonNull(check, "check");
      return this;
    }

    public Builder policy(MembershipPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Tells {@code listener} of every change after it commits. */
    public Builder listener(MembershipEventListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Whether each command has its notifications handed to the sender right after commit (default):
     * in the committing thread, or on the {@link #notificationExecutor delivery executor}, so that the
     * command returns at its commit.
     * Turn it off to deliver only from a scheduled {@link Outbox#deliverDue()}.
     */
    public Builder deliverNotificationsAfterCommit(boolean deliver) {
      this.deliverAfterCommit = deliver;
      return this;
    }

    /**
     * Where the deliveries after commit run. Default: in the committing thread, before the command
     * returns. With an executor (or {@link #deliverNotificationsInBackground()}) the command returns at
     * its commit and the sender runs there: one delivery at a time per {@link Memberships}; commits
     * during it are delivered by it. {@code Runnable::run} is the default's behaviour (unless a delivery
     * of this instance is running in another thread, which then delivers it). Tests that read the sent
     * mail at once after a command on an executor wait with {@link Outbox#awaitDeliveries}.
     */
    public Builder notificationExecutor(Executor executor) {
      this.deliveryExecutor = Objects.requireNonNull(executor, "executor");
      this.deliverInBackground = false;
      return this;
    }

    /**
     * Delivers after commit on the library's own thread (one daemon thread, started when needed, ended
     * after a minute idle or by {@link Memberships#close()}), so each command returns at its commit
     * instead of waiting for the sender.
     */
    public Builder deliverNotificationsInBackground() {
      this.deliveryExecutor = null;
      this.deliverInBackground = true;
      return this;
    }

    /**
     * Reports every command's start and end, with its name and outcome code, to {@code observer}
     * (metrics, tracing: {@code membership-micrometer}). Default: {@link CommandObserver#none()}.
     */
    public Builder observer(CommandObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    public Memberships build() {
      if (store == null) {
        throw new IllegalStateException("Memberships.builder() needs a store(...)");
      }
      if (invitationLinks == null) {
        throw new IllegalStateException("Memberships.builder() needs invitationLinks(token -> URI) to send invitations");
      }
      PasswordHasher chosen = hasher != null ? hasher : Argon2idPasswordHasher.owaspMinimum();
      Optional<CheckCache> cache = Optional.ofNullable(accessCache)
          .map(c -> new CheckCache(c.maxEntries(), c.maxStaleness(), clock));
      // The cache hears every committed change first, before the host's listeners and before the command returns.
      List<MembershipEventListener> told = new ArrayList<>();
      cache.ifPresent(told::add);
      told.addAll(listeners);
      return new Memberships(new Context(ObservedCommands.store(store, observer), clock, chosen, secrets, new PasswordPolicy(policy, breached), policy,
          invitationLinks, Optional.ofNullable(emailVerificationLinks), sender, deliverAfterCommit, deliveryExecutor, deliverInBackground, told),
          catalogueStaleness, endNoticeLead, cache);
    }
  }
}
