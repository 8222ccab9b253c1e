package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.Organisation;
import dev.membership.domain.Role;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.FaultInjectingDataSource;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults in the middle of a command: for every step k of a command (each SQL statement and the
 * commit), a connection that fails at step k leaves the database with the whole change or none of it,
 * and the outbox holds (and the sender got) a notification only for a change that committed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultsBehaviour {
  private static final String PASSWORD = "correct horse battery staple";

  TestDatabase database;
  FaultInjectingDataSource faulty;
  Memberships healthy;
  Memberships fragile;
  final ConcurrentLinkedQueue<Notification> delivered = new ConcurrentLinkedQueue<>();
  final AtomicInteger fixtures = new AtomicInteger();

  abstract DatabaseKind kind();

  @BeforeAll
  void start() {
    database = TestDatabase.migrated(kind());
    JooqMembershipStore store = JooqMembershipStore.create(database.dataSource());
    faulty = new FaultInjectingDataSource(database.newPool("faulty"));
    healthy = membership(store);
    fragile = membership(JooqMembershipStore.create(faulty, store.dialect()));
  }

  private Memberships membership(JooqMembershipStore store) {
    return Memberships.builder()
        .store(store)
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
        .notifications(delivered::add)
        // Delivered in the committing thread, as before the delivery thread: the faults are counted per
        // statement, and a delivery running beside the next command would take some of them.
        .notificationExecutor(Runnable::run)
        .build();
  }

  @AfterAll
  void stop() {
    if (database != null) {
      database.close();
    }
  }

  /** An organisation with an owner and a seat-limited entitlement, ready for one command. */
  record Fixture(String tag, Organisation organisation, AccountId owner) {
    String email(String local) {
      return local + "-" + tag + "@x.test";
    }
  }

  private Fixture fixture() {
    String tag = "f" + fixtures.incrementAndGet();
    AccountId owner = register("owner-" + tag + "@x.test");
    Organisation organisation = healthy.organisations().create(owner, "org " + tag);
    healthy.entitlements().define(owner, organisation.id(), EntitlementDefinition.of("crm", "CRM").withSeats(10));
    return new Fixture(tag, organisation, owner);
  }

  private AccountId register(String email) {
    healthy.accounts().register(Registration.of(email, email.substring(0, email.indexOf('@')), PASSWORD));
    return healthy.accounts().verifyEmail(tokenTo(email, NotificationType.VERIFY_EMAIL), Password.of(PASSWORD)).id();
  }

  private String tokenTo(String email) {
    return tokenTo(email, NotificationType.INVITATION);
  }

  private String tokenTo(String email, NotificationType type) {
    return delivered.stream()
        .filter(n -> n.type() == type && n.recipient().value().equals(email))
        .reduce((a, b) -> b).flatMap(Notification::link)
        .map(link -> link.getPath().substring(link.getPath().lastIndexOf('/') + 1)).orElseThrow();
  }

  @Test
  void an_invitation_is_written_whole_or_not_at_all_whichever_statement_fails() {
    everyFault(fixture -> fixture, (fixture, ignored) -> fragile.invitations().invite(fixture.owner(),
        fixture.organisation().id(), Invite.of(fixture.email("ana"), Role.MEMBER).withAccess("crm")));
  }

  @Test
  void an_acceptance_is_written_whole_or_not_at_all_whichever_statement_fails() {
    everyFault(fixture -> {
      healthy.invitations().invite(fixture.owner(), fixture.organisation().id(),
          Invite.of(fixture.email("bo"), Role.ADMIN).withAccess("crm"));
      return new Object[] {register(fixture.email("bo")), tokenTo(fixture.email("bo"))};
    }, (fixture, context) -> fragile.invitations().accept((AccountId) context[0], (String) context[1]));
  }

  @Test
  void a_deactivation_is_written_whole_or_not_at_all_whichever_statement_fails() {
    everyFault(fixture -> {
      healthy.invitations().invite(fixture.owner(), fixture.organisation().id(),
          Invite.of(fixture.email("cy"), Role.MEMBER).withAccess("crm"));
      return healthy.invitations().accept(register(fixture.email("cy")), tokenTo(fixture.email("cy"))).id();
    }, (fixture, member) -> fragile.members().deactivate(fixture.owner(), fixture.organisation().id(), member));
  }

  @Test
  void an_approved_join_request_is_written_whole_or_not_at_all_whichever_statement_fails() {
    everyFault(fixture -> healthy.joinRequests().request(register(fixture.email("di")), fixture.organisation().id(),
            Optional.of("please")),
        (fixture, request) -> fragile.joinRequests().approve(fixture.owner(), fixture.organisation().id(), request.id()));
  }

  @Test
  void a_member_created_directly_is_written_whole_or_not_at_all_whichever_statement_fails() {
    everyFault(fixture -> fixture, (fixture, ignored) -> fragile.members().createDirectly(fixture.owner(),
        fixture.organisation().id(), NewAccount.generatedPassword(fixture.email("ed"), "Ed", Role.MEMBER).withAccess("crm")));
  }

  @FunctionalInterface
  interface Command<C> {
    Object run(Fixture fixture, C context);
  }

  /**
   * Runs the command once without a fault to learn its steps and its whole change, then once per step
   * with that step failing, each time on a fresh fixture.
   */
  private <C> void everyFault(Function<Fixture, C> prepare, Command<C> command) {
    Fixture reference = fixture();
    C referenceContext = prepare.apply(reference);
    Map<String, Long> before = snapshot(reference);
    faulty.arm(0);
    command.run(reference, referenceContext);
    faulty.disarm();
    int steps = faulty.steps();
    Map<String, Long> wholeChange = difference(snapshot(reference), before);
    assertThat(steps).as("steps of the command").isGreaterThan(2);
    assertThat(wholeChange).as("the command changes something").isNotEmpty();

    int committed = 0;
    for (int k = 1; k <= steps; k++) {
      Fixture fixture = fixture();
      C context = prepare.apply(fixture);
      Map<String, Long> start = snapshot(fixture);
      int deliveredBefore = deliveredTo(fixture);
      faulty.arm(k);
      Throwable error = null;
      try {
        command.run(fixture, context);
      } catch (RuntimeException e) {
        error = e;
      } finally {
        faulty.disarm();
      }
      Map<String, Long> change = difference(snapshot(fixture), start);
      assertThat(faulty.failed()).as("the fault at step %s of %s was injected", k, steps).isTrue();
      if (change.isEmpty()) {
        assertThat(error).as("a command that wrote nothing reports its failure (step %s)", k).isNotNull();
        assertThat(deliveredTo(fixture)).as("nothing was sent for a change that did not commit (step %s)", k)
            .isEqualTo(deliveredBefore);
      } else {
        committed++;
        assertThat(change).as("the whole change, with the fault at step %s of %s", k, steps).isEqualTo(wholeChange);
      }
    }
    // Only faults after the commit (in the delivery of its notifications) may leave the change in place.
    assertThat(committed).as("faults that left the change in place").isLessThan(steps);
  }

  private int deliveredTo(Fixture fixture) {
    return (int) delivered.stream().filter(n -> n.organisationId().equals(Optional.of(fixture.organisation().id()))).count();
  }

  /** Row counts of everything the organisation holds, by table and status. */
  private Map<String, Long> snapshot(Fixture fixture) {
    String org = "'" + fixture.organisation().id() + "'";
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String status : List.of("ACTIVE", "DEACTIVATED", "REMOVED")) {
      counts.put("members " + status, count("membership_member WHERE organisation_id = " + org + " AND status = '" + status + "'"));
    }
    for (String status : List.of("PENDING", "ACCEPTED", "CANCELLED", "EXPIRED")) {
      counts.put("invitations " + status,
          count("membership_invitation WHERE organisation_id = " + org + " AND status = '" + status + "'"));
    }
    for (String status : List.of("PENDING", "APPROVED", "DENIED", "WITHDRAWN")) {
      counts.put("join requests " + status,
          count("membership_join_request WHERE organisation_id = " + org + " AND status = '" + status + "'"));
    }
    counts.put("member grants", count("membership_member_grant WHERE organisation_id = " + org));
    counts.put("invitation grants", count("membership_invitation_grant WHERE organisation_id = " + org));
    counts.put("audit events", count("membership_audit_event WHERE organisation_id = " + org));
    counts.put("outbox", count("membership_outbox WHERE organisation_id = " + org));
    counts.put("accounts", count("membership_account"));
    return counts;
  }

  private long count(String from) {
    return database.count("SELECT COUNT(*) FROM " + from);
  }

  private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> change = new LinkedHashMap<>();
    after.forEach((key, value) -> {
      long delta = value - before.getOrDefault(key, 0L);
      if (delta != 0) {
        change.put(key, delta);
      }
    });
    return change;
  }
}
