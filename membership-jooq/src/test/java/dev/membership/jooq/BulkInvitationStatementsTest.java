package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.BulkInvite;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.StatementCounter;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How many SQL statements a bulk invitation costs on H2: a fixed part per call (the actor, roles and
 * inviter read once) and a fixed part per address, whatever the number of addresses. Counted by jOOQ's
 * execute listener, so an extra read per address (an N+1 on the actor or organisation) fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkInvitationStatementsTest {
  private static final String PASSWORD = "correct horse battery staple";

  private TestDatabase database;
  private final StatementCounter counter = new StatementCounter();
  private final ConcurrentLinkedQueue<dev.membership.domain.Notification> delivered = new ConcurrentLinkedQueue<>();
  private Memberships membership;

  @BeforeAll
  void start() {
    database = TestDatabase.migrated(DatabaseKind.H2);
    membership = Memberships.builder()
        .store(JooqMembershipStore.builder(database.dataSource()).executeListener(counter).build())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
        .notifications(delivered::add)
        .deliverNotificationsAfterCommit(false)
        .build();
  }

  @AfterAll
  void stop() {
    if (database != null) {
      database.close();
    }
  }

  private AccountId register(String email) {
    membership.accounts().register(Registration.of(email, "Owner", PASSWORD));
    membership.outbox().deliverDue();
    String token = delivered.stream().filter(n -> n.recipient().value().equals(email)
        && n.type() == NotificationType.VERIFY_EMAIL).reduce((a, b) -> b).orElseThrow().link().orElseThrow().toString();
    return membership.accounts().verifyEmail(token.substring(token.lastIndexOf('/') + 1), Password.of(PASSWORD)).id();
  }

  private int statements(AccountId owner, Organisation org, String prefix, int addresses, BulkInvite.Mode mode) {
    List<Invite> invites = IntStream.range(0, addresses)
        .mapToObj(i -> Invite.of(prefix + i + "@mail.test", Role.MEMBER)).toList();
    counter.reset();
    var result = membership.invitations().inviteAll(owner, org.id(), new BulkInvite(invites, mode));
    assertThat(result.allInvited()).isTrue();
    return counter.count();
  }

  @Test
  void a_bulk_invitation_costs_the_same_statements_per_address_whatever_the_number_of_addresses() {
    AccountId owner = register("owner@acme.test");
    Organisation acme = membership.organisations().create(owner, "Acme");

    int each10 = statements(owner, acme, "e10-", 10, BulkInvite.Mode.EACH_ON_ITS_OWN);
    int each20 = statements(owner, acme, "e20-", 20, BulkInvite.Mode.EACH_ON_ITS_OWN);
    int all10 = statements(owner, acme, "a10-", 10, BulkInvite.Mode.ALL_OR_NOTHING);
    int all20 = statements(owner, acme, "a20-", 20, BulkInvite.Mode.ALL_OR_NOTHING);
    int eachPerAddress = (each20 - each10) / 10;
    int allPerAddress = (all20 - all10) / 10;
    System.out.printf("Bulk invitation statements on H2: each-on-its-own 10 -> %d, 20 -> %d (%d per address);"
        + " all-or-nothing 10 -> %d, 20 -> %d (%d per address)%n", each10, each20, eachPerAddress, all10, all20,
        allPerAddress);

    // Per address, all-or-nothing: the address's account, its pending invitation, the invitation's
    // insert, its audit entry and its outbox row. Each-on-its-own adds the organisation's lock and the
    // bounded count of the day's invitations, which every transaction needs for the daily limit.
    assertThat(each20 - each10).isEqualTo(10 * eachPerAddress);
    assertThat(all20 - all10).isEqualTo(10 * allPerAddress);
    assertThat(allPerAddress).isLessThanOrEqualTo(5);
    assertThat(eachPerAddress).isLessThanOrEqualTo(7);
    assertThat(all10 - 10 * allPerAddress).as("fixed part of a call").isLessThanOrEqualTo(6);
  }
}
