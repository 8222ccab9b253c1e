package dev.membership.internal;

import dev.membership.MembershipPolicy;
import dev.membership.domain.AccountId;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.CredentialState;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.PermissionDeniedException;
import dev.membership.query.MemberAccess;
import dev.membership.spi.MembershipEventListener;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.PasswordHasher;
import dev.membership.spi.SecretGenerator;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.TransactionWork;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * What every use case shares: the ports, the policy, and the two ways to reach the store. A write
 * runs in one transaction, then (only after commit) tells the event listeners and hands the outbox to
 * the sender.
 */
public final class Context {
  private static final Logger LOG = Logger.getLogger(Context.class.getName());

  public final MembershipStore store;
  public final Clock clock;
  public final PasswordHasher hasher;
  public final SecretGenerator secrets;
  public final PasswordPolicy passwords;
  public final InputValidator validator;
  public final MembershipPolicy policy;
  public final Function<String, URI> invitationLinks;
  /** Present when the host set {@code emailVerificationLinks}: self-registration needs it. */
  public final Optional<Function<String, URI>> emailVerificationLinks;
  /** The bounds on what signing up and "create user directly" tell or send about an address. */
  public final ProbeBounds bounds;
  public final OutboxDispatcher outbox;
  public final boolean deliverAfterCommit;
  /** Runs the deliveries after commit off the command's thread. */
  public final AfterCommitDelivery delivery;
  private final List<MembershipEventListener> listeners;

  public Context(
      MembershipStore store,
      Clock clock,
      PasswordHasher hasher,
      SecretGenerator secrets,
      PasswordPolicy passwords,
      MembershipPolicy policy,
      Function<String, URI> invitationLinks,
      Optional<Function<String, URI>> emailVerificationLinks,
      NotificationSender sender,
      boolean deliverAfterCommit,
      @Nullable Executor deliveryExecutor,
      boolean deliverInBackground,
      List<MembershipEventListener> listeners) {
    this.store = store;
    this.clock = clock;
    this.hasher = hasher;
    this.secrets = secrets;
    this.passwords = passwords;
    this.validator = new InputValidator();
    this.policy = policy;
    this.invitationLinks = invitationLinks;
    this.emailVerificationLinks = emailVerificationLinks;
    this.outbox = new OutboxDispatcher(store, sender, clock, policy.outbox());
    this.deliverAfterCommit = deliverAfterCommit;
    this.delivery = new AfterCommitDelivery(outbox, deliveryExecutor, deliverInBackground);
    this.listeners = List.copyOf(listeners);
    this.bounds = new ProbeBounds(this);
  }

  public Instant now() {
    return clock.instant();
  }

  /** Reads (in auto-commit where the store allows it); writes nothing, tells nobody. */
  public <T> T read(TransactionWork<T> work) {
    return store.read(work);
  }

  /** Changes in one transaction; after commit, tells listeners and delivers notifications. */
  public <T> T write(Function<UnitOfWork, T> work) {
    Instant now = now();
    UnitOfWork[] unit = new UnitOfWork[1];
    T result = store.inTransaction((StoreTransaction tx) -> {
      unit[0] = new UnitOfWork(tx, now);
      return work.apply(unit[0]);
    });
    afterCommit(unit[0]);
    return result;
  }

  /**
   * Changes in one transaction, like {@link #write}, but without telling listeners or delivering
   * after commit: the committed unit is added to {@code committed}, for one {@link #afterCommits} call
   * after several such transactions (a bulk command's one transaction per item). Nothing is added
   * when the work throws.
   */
  public <T> T writeDeferred(Function<UnitOfWork, T> work, List<UnitOfWork> committed) {
    Instant now = now();
    UnitOfWork[] unit = new UnitOfWork[1];
    T result = store.inTransaction((StoreTransaction tx) -> {
      unit[0] = new UnitOfWork(tx, now);
      return work.apply(unit[0]);
    });
    committed.add(unit[0]);
    return result;
  }

  /** What {@link #write} does after its commit, once for units committed by {@link #writeDeferred}. */
  public void afterCommits(List<UnitOfWork> committed) {
    for (UnitOfWork unit : committed) {
      for (MembershipEvent event : unit.events()) {
        tell(event);
      }
    }
    if (deliverAfterCommit && committed.stream().anyMatch(UnitOfWork::notified)) {
      delivery.request();
    }
  }

  /**
   * The actor's access in the organisation, which must allow {@code permission}. Checked first by
   * every command, in one indexed read; a deactivated member is refused at once.
   */
  public static MemberAccess requireIn(StoreTransaction tx, AccountId actor, OrganisationId organisation,
      Permission permission) {
    return requireIn(tx, tx.memberships().findAccess(organisation, actor), organisation, permission);
  }

  /**
   * {@link #requireIn(StoreTransaction, AccountId, OrganisationId, Permission)} with the actor's
   * access already read ({@code found}, as {@link dev.membership.spi.MemberStore#findAccess} reads it,
   * e.g. in the same statement as a page): the same refusals, in the same order.
   */
  public static MemberAccess requireIn(StoreTransaction tx, Optional<MemberAccess> found, OrganisationId organisation,
      Permission permission) {
    MemberAccess access = requireMember(tx, found, organisation);
    if (!access.role().allows(permission)) {
      throw new PermissionDeniedException(
          "Your role does not allow " + permission.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".");
    }
    return access;
  }

  /**
   * The actor's access, which must be effective: an active member of an organisation in use, with a
   * password of its own. Whatever its role allows.
   */
  public static MemberAccess requireMember(StoreTransaction tx, AccountId actor, OrganisationId organisation) {
    return requireMember(tx, tx.memberships().findAccess(organisation, actor), organisation);
  }

  private static MemberAccess requireMember(StoreTransaction tx, Optional<MemberAccess> found,
      OrganisationId organisation) {
    MemberAccess access = found.orElseGet(() -> {
      // A deleted organisation's memberships ended with it: say it was deleted, to its former members and to
      // anyone else alike (as an organisation in use answers "not a member" to anyone who has its id).
      if (!tx.organisations().find(organisation).orElseThrow(NotFound::organisation).isActive()) {
        throw organisationDeleted();
      }
      throw new PermissionDeniedException("You are not a member of this organisation.");
    });
    if (!access.organisation().isActive()) {
      throw organisationDeleted();
    }
    if (!access.membership().isActive()) {
      throw new PermissionDeniedException("Your membership of this organisation is deactivated.");
    }
    if (access.credentialState() != CredentialState.PERSONAL) {
      throw PermissionDeniedException.passwordChangeRequired();
    }
    return access;
  }

  /** {@code ORGANISATION_DELETED}: every command on a deleted organisation, and every link into it, answers it. */
  public static ConflictException organisationDeleted() {
    return new ConflictException(ErrorCode.ORGANISATION_DELETED, "The organisation was deleted.");
  }

  /** An account acting outside any organisation (accepting, asking to join) must have its own password. */
  public static Account requireOwnPassword(Account account) {
    if (account.isErased()) {
      throw new ConflictException(ErrorCode.ACCOUNT_ALREADY_ERASED, "This account was erased.");
    }
    if (account.mustChangePassword()) {
      throw PermissionDeniedException.passwordChangeRequired();
    }
    return account;
  }

  private void afterCommit(UnitOfWork unit) {
    for (MembershipEvent event : unit.events()) {
      tell(event);
    }
    if (deliverAfterCommit && unit.notified()) {
      delivery.request();
    }
  }

  private void tell(MembershipEvent event) {
    for (MembershipEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Event listener failed on " + kindOf(event) + "; the change stays committed", e);
      }
    }
  }

  private static String kindOf(MembershipEvent event) {
    return switch (event) {
      case AuditEvent audit -> audit.action().name();
      case AccountEvent account -> account.type().name();
    };
  }
}
