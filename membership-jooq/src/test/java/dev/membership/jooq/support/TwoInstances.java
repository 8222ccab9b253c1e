package dev.membership.jooq.support;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Two application instances on one database: two connection pools, two stores, two {@link Memberships}
 * facades, one mailbox that records what either instance's outbox delivered.
 */
public final class TwoInstances implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";

  public final TestDatabase database;
  public final Memberships a;
  public final Memberships b;
  private final ConcurrentLinkedQueue<Notification> delivered = new ConcurrentLinkedQueue<>();

  private TwoInstances(TestDatabase database, MembershipPolicy policy) {
    this.database = database;
    this.a = instance(JooqMembershipStore.create(database.newPool("instance-a")), policy);
    this.b = instance(JooqMembershipStore.create(database.newPool("instance-b")), policy);
  }

  public static TwoInstances on(DatabaseKind kind) {
    return on(kind, MembershipPolicy.defaults());
  }

  /** Two instances with this policy, on a database of their own. */
  public static TwoInstances on(DatabaseKind kind, MembershipPolicy policy) {
    return new TwoInstances(TestDatabase.migrated(kind), policy);
  }

  private Memberships instance(JooqMembershipStore store, MembershipPolicy policy) {
    return Memberships.builder()
        .notificationExecutor(Runnable::run) // delivered before the command returns: tests read the mail at once, and several libraries share one outbox
        .store(store)
        .policy(policy)
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
        .notifications(delivered::add)
        .build();
  }

  /** Signs up on instance a and verifies the address with the link delivered. */
  public AccountId register(String email) {
    String name = email.substring(0, email.indexOf('@'));
    a.accounts().register(Registration.of(email, name, PASSWORD));
    return a.accounts().verifyEmail(tokenTo(email, NotificationType.VERIFY_EMAIL), Password.of(PASSWORD)).id();
  }

  /** Everything either instance delivered, in no particular order. */
  public List<Notification> delivered() {
    return List.copyOf(delivered);
  }

  /** The token of the last invitation link delivered to {@code email}. */
  public String invitationTokenTo(String email) {
    return tokenTo(email, NotificationType.INVITATION);
  }

  private String tokenTo(String email, NotificationType type) {
    return delivered.stream()
        .filter(n -> n.type() == type && n.recipient().value().equals(email))
        .reduce((first, second) -> second)
        .flatMap(Notification::link)
        .map(link -> link.getPath().substring(link.getPath().lastIndexOf('/') + 1))
        .orElseThrow(() -> new AssertionError("no " + type + " was delivered to " + email));
  }

  @Override
  public void close() {
    database.close();
  }
}
