package dev.membership.testkit;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.spi.MembershipEventListener;
import dev.membership.spi.MembershipStore;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Memberships} wired for tests, with everything a test wants to look at or move: the
 * in-memory store (or any other), a {@link MutableClock}, a {@link RecordingNotificationSender}
 * mailbox and the {@link FastTestPasswordHasher}. Invitation links are
 * {@code https://app.test/invitations/<token>}, address-verification links
 * {@code https://app.test/verify/<token>}. Fixtures set up whole scenarios in a line:
 *
 * <pre>{@code
 * var kit = TestMembership.inMemory();
 * var acme = kit.organisation("Acme").withAdmins(2).withPendingInvitations(1).create();
 * AccountId ana = kit.registeredAccount("ana@x.test", "Ana", "ana's long passphrase"); // signed up and verified
 * kit.listener(heard::add);                                                           // every event from now on
 * }</pre>
 */
public final class TestMembership {
  /** The password every fixture account has. */
  public static final String PASSWORD = "correct horse battery staple";

  /** Where invitation links point; the token is the last path segment. */
  public static final String LINK_PREFIX = "https://app.test/invitations/";

  /** Where address-verification links point; the token is the last path segment. */
  public static final String VERIFICATION_LINK_PREFIX = "https://app.test/verify/";

  private final Memberships membership;
  private final MembershipStore store;
  private final MutableClock clock;
  private final RecordingNotificationSender mailbox;
  private final List<MembershipEventListener> listeners = new CopyOnWriteArrayList<>();

  private TestMembership(MembershipStore store, MutableClock clock, MembershipPolicy policy) {
    this.store = store;
    this.clock = clock;
    this.mailbox = new RecordingNotificationSender();
    this.membership = Memberships.builder()
        .notificationExecutor(Runnable::run) // delivered before the command returns: tests read the mail at once, and several libraries share one outbox
        .store(store)
        .clock(clock)
        .policy(policy)
        .notifications(mailbox)
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(VERIFICATION_LINK_PREFIX + token))
        .listener(event -> listeners.forEach(listener -> listener.onEvent(event)))
        .build();
    // Libraries a test builds itself deliver on their own thread; the mailbox waits for this one's too.
    mailbox.awaitingDeliveriesOf(membership);
  }


  /** A fresh in-memory store with default policy. */
  public static TestMembership inMemory() {
    return on(new InMemoryMembershipStore());
  }

  /** The same wiring on another store, e.g. the jOOQ store in a contract test. */
  public static TestMembership on(MembershipStore store) {
    return new TestMembership(store, MutableClock.standard(), MembershipPolicy.defaults());
  }

  /** The same wiring on another store and policy. */
  public static TestMembership on(MembershipStore store, MembershipPolicy policy) {
    return new TestMembership(store, MutableClock.standard(), policy);
  }

  /** The library under test. */
  public Memberships membership() {
    return membership;
  }

  public MembershipStore store() {
    return store;
  }

  public MutableClock clock() {
    return clock;
  }

  /** Every notification delivered, like an e-mail inbox. */
  public RecordingNotificationSender mailbox() {
    return mailbox;
  }

  /**
   * From now on, also tells {@code listener} of every committed change (as {@code
   * Memberships.builder().listener(...)} would have); returns this kit.
   */
  public TestMembership listener(MembershipEventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Signs up and verifies an account with {@link #PASSWORD}, named after the address's local part. */
  public AccountId account(String email) {
    String local = email.strip().substring(0, email.strip().indexOf('@'));
    return account(email, Character.toUpperCase(local.charAt(0)) + local.substring(1));
  }

  /** Signs up and verifies an account with {@link #PASSWORD}. */
  public AccountId account(String email, String displayName) {
    return registeredAccount(email, displayName, PASSWORD);
  }

  /**
   * A self-registered account, in one line: signs up, takes the verification link from the {@link
   * #mailbox()} and verifies the address with the same password, as the person would. Fails the test if
   * the address has an account of someone's own already (its owner is sent a note instead of a link);
   * an account an admin created that nobody has used yet is claimed, as the person would claim it.
   */
  public AccountId registeredAccount(String email, String displayName, String password) {
    membership.accounts().register(Registration.of(email, displayName, password));
    return membership.accounts().verifyEmail(mailbox.lastVerificationTokenTo(email), Password.of(password)).id();
  }

  /** The token of the newest address-verification e-mail sent to this address. */
  public String verificationTokenTo(String email) {
    return mailbox.lastVerificationTokenTo(email);
  }

  /** The account with this address; fails the test if there is none. */
  public AccountId accountOf(String email) {
    return membership.accounts().findByEmail(email)
        .orElseThrow(() -> new AssertionError("no account for " + email))
        .id();
  }

  /** The token of the newest invitation e-mailed to this address. */
  public String invitationTokenTo(String email) {
    return mailbox.lastInvitationTokenTo(email);
  }

  /**
   * Invites {@code email} into the organisation as {@code role} and accepts: as the existing account
   * if there is one, else as a new person with {@link #PASSWORD}. Returns the account.
   */
  public AccountId join(OrganisationId organisation, AccountId inviter, String email, Role role) {
    membership.invitations().invite(inviter, organisation, Invite.of(email, role));
    String token = invitationTokenTo(email);
    var existing = membership.accounts().findByEmail(email);
    if (existing.isPresent()) {
      membership.invitations().accept(existing.get().id(), token);
      return existing.get().id();
    }
    String local = email.strip().substring(0, email.strip().indexOf('@'));
    return membership.invitations()
        .acceptAsNewAccount(token, NewMemberDetails.of(local, PASSWORD))
        .account()
        .id();
  }

  /** The live membership of an account in an organisation, read straight from the store. */
  public Membership membershipOf(OrganisationId organisation, AccountId account) {
    return store.inTransaction(tx -> tx.memberships().findLive(organisation, account))
        .orElseThrow(() -> new AssertionError(account + " is not a member of " + organisation));
  }

  /** The id of that membership. */
  public MembershipId membershipIdOf(OrganisationId organisation, AccountId account) {
    return membershipOf(organisation, account).id();
  }

  /** Starts a fixture: an organisation whose owner is {@code owner@<name>.test} unless told otherwise. */
  public OrganisationFixture.Builder organisation(String name) {
    Objects.requireNonNull(name, "name");
    return new OrganisationFixture.Builder(this, name, domainOf(name));
  }

  static String domainOf(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return (slug.isEmpty() ? "org" : slug) + ".test";
  }

  static EmailAddress email(String raw) {
    return EmailAddress.of(raw);
  }
}
