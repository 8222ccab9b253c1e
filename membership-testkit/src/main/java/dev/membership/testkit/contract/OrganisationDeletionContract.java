package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.MembershipPolicy;
import dev.membership.Organisations;
import dev.membership.command.DomainEnrollment;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.SessionsToEnd;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import dev.membership.error.MembershipException;
import dev.membership.query.ClientReport;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.spi.ThrottleCounter;
import dev.membership.spi.ThrottleKey;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Deleting an organisation ({@code organisations().delete}): what it ends, who hears of it, what
 * every later command answers, the audit log its former owners keep reading for the retention, the
 * purge after it ({@code organisations().purgeDeleted()}), and deletion racing the changes that add
 * people. Wired into {@link MembershipStoreContract}, so it runs on every store.
 */
public abstract class OrganisationDeletionContract extends StoreContractSupport {
  private static final EntitlementKey CAD = EntitlementKey.of("cad");

  @Test
  void deleting_asks_for_the_organisations_name_and_a_wrong_one_changes_nothing() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();

    assertThatThrownBy(() -> membership().organisations().delete(acme.owner(), acme.id(), "acme"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("confirmation");
            assertThat(f.code()).isEqualTo("does_not_match");
          });
        });

    assertThat(membership().organisations().get(acme.members().getFirst(), acme.id()).isActive()).isTrue();
    assertThat(membership().access().has(acme.members().getFirst(), acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(kit().mailbox().deliveredTo("member1@acme.test", NotificationType.ORGANISATION_DELETED)).isEmpty();
  }

  @Test
  void deleting_ends_invitations_join_requests_entitlements_and_every_membership_keeping_their_history() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers("mo@acme.test", "de@acme.test")
        .withPendingInvitations("ivy@acme.test").create();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD"));
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("mo@acme.test"), CAD);
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("de@acme.test"));
    String ivysLink = kit().invitationTokenTo("ivy@acme.test");
    AccountId rae = kit().account("rae@x.test");
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);
    JoinRequest asked = membership().joinRequests().request(rae, acme.id());
    Instant deletedAt = kit().clock().instant();
    var moId = acme.membership("mo@acme.test");
    var de = acme.membership("de@acme.test");

    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    assertThat(this.<Membership>tx(tx -> tx.memberships().find(acme.id(), moId).orElseThrow()))
        .satisfies(mo -> {
          assertThat(mo.status()).isEqualTo(MembershipStatus.REMOVED);
          assertThat(mo.grants()).isEmpty();
        });
    assertThat(this.<MembershipStatus>tx(tx -> tx.memberships().find(acme.id(), de).orElseThrow().status()))
        .isEqualTo(MembershipStatus.REMOVED);
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(acme.id()))).isEqualTo(new MemberCounts(0, 0, 4, 0))
        .isEqualTo(countedRows(acme));
    assertThat(this.<InvitationStatus>tx(tx -> tx.invitations().find(acme.id(), acme.invitation("ivy@acme.test")).orElseThrow().status()))
        .isEqualTo(InvitationStatus.CANCELLED);
    assertThat(this.<JoinRequestStatus>tx(tx -> tx.joinRequests().find(asked.id()).orElseThrow().status())).isEqualTo(JoinRequestStatus.DENIED);
    assertThat(this.<Optional<Instant>>tx(tx -> tx.entitlements().find(acme.id(), CAD).orElseThrow().validUntil())).contains(deletedAt);
    assertThat(membership().invitations().preview(ivysLink)).hasValueSatisfying(
        preview -> assertThat(preview.status()).isEqualTo(InvitationStatus.CANCELLED));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().invitations().accept(kit().account("ivy@acme.test"), ivysLink));
    for (AccountId person : List.of(acme.owner(), acme.admins().getFirst(), acme.account("mo@acme.test"), rae)) {
      assertThat(membership().access().permissions(person, acme.id())).isEmpty();
      assertThat(membership().organisations().of(person, PageRequest.first()).items()).isEmpty();
      assertThat(membership().organisations().of(person, acme.id())).isEmpty();
    }
    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().access().check(acme.account("mo@acme.test"), acme.id(), Permission.VIEW_MEMBERS));
    assertThat(membership().organisations().search("Acme", PageRequest.first()).items()).isEmpty();
  }

  @Test
  void every_member_is_told_once_and_the_host_hears_that_everyones_sessions_there_end() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers("mo@acme.test", "de@acme.test")
        .create();
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("de@acme.test"));
    List<MembershipEvent> heard = new CopyOnWriteArrayList<>();
    kit().listener(heard::add);

    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    for (String person : List.of(acme.ownerEmail(), "admin1@acme.test", "mo@acme.test", "de@acme.test")) {
      assertThat(kit().mailbox().deliveredTo(person, NotificationType.ORGANISATION_DELETED)).as(person)
          .singleElement().satisfies(n -> assertThat(n.data()).containsEntry("organisationName", "Acme"));
    }
    assertThat(heard).singleElement().isInstanceOfSatisfying(AuditEvent.class, event -> {
      assertThat(event.action()).isEqualTo(AuditAction.ORGANISATION_DELETED);
      assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.EveryoneInOrganisation(acme.id()));
      assertThat(event.details()).containsEntry("members", "4");
    });
  }

  @Test
  void every_command_on_a_deleted_organisation_answers_organisation_deleted_a_second_delete_too() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(1).create();
    AccountId stranger = kit().account("stranger@x.test");
    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().organisations().rename(acme.owner(), acme.id(), "Acme 2"));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().invitations().invite(acme.admins().getFirst(), acme.id(), Invite.of("x@acme.test", Role.MEMBER)));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().members().list(acme.members().getFirst(), acme.id(), MemberQuery.all()));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED, () -> membership().organisations().get(acme.owner(), acme.id()));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED, () -> membership().joinRequests().request(stranger, acme.id()));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().members().list(stranger, acme.id(), MemberQuery.all()));
    assertThat(membership().access().has(acme.owner(), acme.id(), Permission.VIEW_MEMBERS)).isFalse();
  }

  @Test
  void its_domains_are_released_so_they_suggest_it_no_more_and_another_organisation_may_verify_them() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    OrganisationDomain domain = membership().domains().add(acme.owner(), acme.id(), "acme-corp.example");
    membership().domains().verify(acme.owner(), acme.id(), domain.id(), List.of(domain.txtRecordValue()));
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.suggest());
    AccountId newcomer = kit().account("new@acme-corp.example");
    assertThat(membership().domains().suggestedFor(newcomer)).hasSize(1);

    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    assertThat(membership().domains().suggestedFor(newcomer)).isEmpty();
    assertThat(membership().domains().enrol(newcomer)).isEmpty();
    OrganisationFixture heir = kit().organisation("Heir").ownedBy("owner@heir.test").create();
    OrganisationDomain again = membership().domains().add(heir.owner(), heir.id(), "acme-corp.example");
    assertThat(membership().domains().verify(heir.owner(), heir.id(), again.id(), List.of(again.txtRecordValue())).status())
        .isEqualTo(dev.membership.domain.DomainStatus.VERIFIED);
  }

  @Test
  void former_owners_read_the_audit_log_during_the_retention_and_a_former_admin_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(1).create();
    AccountId coOwner = kit().join(acme.id(), acme.owner(), "co@acme.test", Role.OWNER);

    membership().organisations().delete(coOwner, acme.id(), "Acme");

    for (AccountId owner : List.of(acme.owner(), coOwner)) {
      assertThat(membership().audit().list(owner, acme.id(), PageRequest.first()).items().getFirst().action())
          .isEqualTo(AuditAction.ORGANISATION_DELETED);
      assertThat(membership().organisations().deletedOwnedBy(owner)).extracting(OrganisationDeletion::organisation)
          .containsExactly(acme.id());
    }
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().audit().list(acme.admins().getFirst(), acme.id(), PageRequest.first()));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().audit().listWithActors(acme.members().getFirst(), acme.id(), PageRequest.first()));
    assertThat(membership().organisations().deletedOwnedBy(acme.admins().getFirst())).isEmpty();

    kit().clock().advance(MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION.minusSeconds(1));
    assertThat(membership().audit().listWithActors(acme.owner(), acme.id(), PageRequest.first()).items()).isNotEmpty();
    assertThat(membership().organisations().purgeDeleted()).isZero();

    kit().clock().advance(Duration.ofSeconds(1));
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().audit().list(acme.owner(), acme.id(), PageRequest.first()));
    assertThat(membership().organisations().deletedOwnedBy(acme.owner())).isEmpty();
  }

  @Test
  void the_retention_is_the_hosts_choice() {
    TestMembership shortKept = TestMembership.on(store(),
        MembershipPolicy.defaults().withDeletedOrganisationRetention(Duration.ofDays(7)));
    OrganisationFixture acme = shortKept.organisation("Acme").create();
    shortKept.membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    assertThat(shortKept.membership().organisations().deletedOwnedBy(acme.owner())).singleElement()
        .satisfies(d -> assertThat(d.readableUntil()).isEqualTo(d.deletedAt().plus(Duration.ofDays(7))));
    assertThatThrownBy(() -> MembershipPolicy.defaults().withDeletedOrganisationRetention(Duration.ofHours(1)))
        .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
  }

  @Test
  void after_the_retention_the_upkeep_purges_the_organisation_in_batches_and_keeps_the_accounts() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(2).withMembers(5).withPendingInvitations(2).create();
    OrganisationFixture globex = kit().organisation("Globex").ownedBy("owner@globex.test").withMembers(1).create();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD"));
    var member = acme.membership(acme.members().getFirst());
    membership().organisations().delete(acme.owner(), acme.id(), "Acme");
    kit().clock().advance(MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION);

    int total = 0;
    int purged;
    do {
      purged = membership().organisations().purgeDeleted();
      assertThat(purged).isLessThanOrEqualTo(Organisations.PURGE_BATCH);
      total += purged;
    } while (purged == Organisations.PURGE_BATCH);

    assertThat(total).isGreaterThanOrEqualTo(10);
    assertThat(membership().organisations().purgeDeleted()).isZero();
    assertFailsWith(ErrorCode.ORGANISATION_NOT_FOUND,
        () -> membership().audit().list(acme.owner(), acme.id(), PageRequest.first()));
    assertFailsWith(ErrorCode.ORGANISATION_NOT_FOUND,
        () -> membership().organisations().rename(acme.owner(), acme.id(), "Back"));
    assertThat(find(tx -> tx.organisations().find(acme.id()))).isEmpty();
    assertThat(find(tx -> tx.organisations().findDeletion(acme.id()))).isEmpty();
    assertThat(find(tx -> tx.memberships().find(acme.id(), member))).isEmpty();
    assertThat(this.<List<AuditEvent>>tx(tx -> tx.audit().page(acme.id(), PageRequest.first()).items())).isEmpty();
    assertThat(find(tx -> tx.accounts().find(acme.members().getFirst()))).isPresent();
    assertThat(membership().members().list(globex.owner(), globex.id(), MemberQuery.all()).items()).hasSize(2);
    assertThat(membership().audit().list(globex.owner(), globex.id(), PageRequest.first()).items()).isNotEmpty();
  }

  @Test
  void reporting_a_client_to_a_deleted_organisation_is_refused_and_after_the_purge_it_is_not_found() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();
    AccountId member = acme.members().getFirst();
    membership().applications().reportClient(member, acme.id(), CAD, ClientVersion.parse("2025.1"));
    membership().organisations().delete(acme.owner(), acme.id(), "Acme");
    ClientReport late = new ClientReport(acme.id(), member, CAD, ClientVersion.parse("2025.2"), kit().clock().instant());

    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().applications().reportClient(member, acme.id(), CAD, ClientVersion.parse("2025.2")));
    assertThat(this.<Boolean>tx(tx -> tx.applications().reportClient(late))).as("the store writes nothing").isFalse();

    kit().clock().advance(MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION);
    while (membership().organisations().purgeDeleted() > 0) {
      // until everything is purged
    }
    assertFailsWith(ErrorCode.ORGANISATION_NOT_FOUND,
        () -> membership().applications().reportClient(member, acme.id(), CAD, ClientVersion.parse("2025.3")));
    assertThat(this.<Boolean>tx(tx -> tx.applications().reportClient(late))).isFalse();
    assertFailsWith(ErrorCode.ORGANISATION_NOT_FOUND, () -> membership().applications()
        .reportClient(member, OrganisationId.random(), CAD, ClientVersion.parse("2025.3")));
  }

  @Test
  void purging_a_deleted_organisation_also_deletes_its_throttle_counters() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("mo@acme.test").create();
    // "Create user directly" counts on the organisation's counter each time it answers that an address has an account.
    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> membership().members().createDirectly(acme.owner(),
        acme.id(), NewAccount.generatedPassword(kit().organisation("Globex").create().ownerEmail(), "Gus", Role.MEMBER)));
    ThrottleKey counted = ThrottleKey.of("existence answers organisation:" + acme.id());
    assertThat(this.<Integer>tx(tx -> tx.throttles().lock(List.of(counted), kit().clock().instant()).getFirst().failures()))
        .isEqualTo(1);
    membership().organisations().delete(acme.owner(), acme.id(), "Acme");
    kit().clock().advance(MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION);

    while (membership().organisations().purgeDeleted() > 0) {
      // until everything is purged
    }

    // Locking a key that has no counter gives an empty one, as new.
    Instant now = kit().clock().instant();
    assertThat(this.<List<ThrottleCounter>>tx(tx -> tx.throttles().lock(List.of(counted), now)))
        .containsExactly(ThrottleCounter.empty(counted, now));
  }

  @Test
  void two_instances_purging_at_once_purge_everything_and_fail_nowhere() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(2).withMembers(20).create();
    OrganisationFixture initech = kit().organisation("Initech").ownedBy("owner@initech.test").withMembers(20).create();
    membership().organisations().delete(acme.owner(), acme.id(), "Acme");
    membership().organisations().delete(initech.owner(), initech.id(), "Initech");
    List<TestMembership> instances = List.of(TestMembership.on(store()), TestMembership.on(store()));
    instances.forEach(i -> i.clock().set(kit().clock().instant().plus(
        MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION)));

    List<Integer> purged = Races.race(instances.stream().<Callable<Integer>>map(i -> () -> {
      int total = 0;
      int batch;
      do {
        batch = i.membership().organisations().purgeDeleted();
        total += batch;
      } while (batch > 0);
      return total;
    }).toList());

    assertThat(purged.stream().mapToInt(Integer::intValue).sum()).isGreaterThan(40);
    assertThat(find(tx -> tx.organisations().find(acme.id()))).isEmpty();
    assertThat(find(tx -> tx.organisations().find(initech.id()))).isEmpty();
    assertThat(this.<List<AuditEvent>>tx(tx -> tx.audit().page(initech.id(), PageRequest.first()).items())).isEmpty();
  }

  @Test
  void deleting_while_a_member_accepts_an_invitation_leaves_no_live_member_in_the_deleted_organisation() {
    OrganisationFixture acme = kit().organisation("Acme").withPendingInvitations("ivy@acme.test").create();
    String link = kit().invitationTokenTo("ivy@acme.test");
    AccountId ivy = kit().account("ivy@acme.test");

    List<Optional<MembershipException>> results = race(
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"),
        () -> membership().invitations().accept(ivy, link));

    assertThat(results.get(0)).as("the deletion waits for the acceptance or goes first; it never fails").isEmpty();
    results.get(1).ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_DELETED));
    assertThat(find(tx -> tx.memberships().findLive(acme.id(), ivy))).isEmpty();
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(acme.id()))).isEqualTo(countedRows(acme));
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(acme.id())).active()).isZero();
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(acme.id())).invited()).isZero();
  }

  @Test
  void deleting_while_an_admin_approves_a_join_request_leaves_no_pending_invitation() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).create();
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);
    AccountId rae = kit().account("rae@x.test");
    JoinRequest asked = membership().joinRequests().request(rae, acme.id());

    List<Optional<MembershipException>> results = race(
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"),
        () -> membership().joinRequests().approve(acme.admins().getFirst(), acme.id(), asked.id()));

    assertThat(results.get(0)).as("the deletion waits for the approval or goes first; it never fails").isEmpty();
    results.get(1).ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_DELETED));
    assertThat(this.<JoinRequestStatus>tx(tx -> tx.joinRequests().find(asked.id()).orElseThrow().status())).isNotEqualTo(JoinRequestStatus.PENDING);
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(acme.id())).invited()).isZero();
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(acme.id()))).isEqualTo(countedRows(acme));
  }

  @Test
  void two_owners_deleting_at_once_delete_it_once() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(3).create();
    AccountId coOwner = kit().join(acme.id(), acme.owner(), "co@acme.test", Role.OWNER);

    List<Optional<MembershipException>> results = race(
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"),
        () -> membership().organisations().delete(coOwner, acme.id(), "Acme"));

    assertThat(results.stream().filter(Optional::isEmpty).count()).isEqualTo(1);
    results.forEach(r -> r.ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_DELETED)));
    assertThat(kit().mailbox().deliveredTo("member1@acme.test", NotificationType.ORGANISATION_DELETED)).hasSize(1);
    assertThat(this.<List<AuditEvent>>tx(tx -> tx.audit().page(acme.id(), PageRequest.first()).items()))
        .filteredOn(e -> e.action() == AuditAction.ORGANISATION_DELETED).hasSize(1);
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(acme.id()))).isEqualTo(new MemberCounts(0, 0, 5, 0));
  }

  /** Runs both at once; returns the typed refusal of each, if any (anything else fails the test). */
  private static List<Optional<MembershipException>> race(Callable<?> first, Callable<?> second) {
    return Races.refusals(first, second);
  }

  /** The counts as counting the members page's rows (every badge) gives them. */
  private MemberCounts countedRows(OrganisationFixture organisation) {
    List<MemberRow> rows = walk(200, page -> tx(tx -> tx.reads().memberPage(organisation.id(),
        MemberQuery.all().withBadges(MemberBadge.values()).withPage(page), kit().clock().instant())));
    List<Long> counts = new ArrayList<>(List.of(0L, 0L, 0L, 0L));
    for (MemberRow row : rows) {
      int slot = switch (row) {
        case MemberRow.Invited i -> i.invitation().status() == InvitationStatus.PENDING ? 3 : -1;
        case MemberRow.Member m -> m.membership().status().ordinal();
      };
      if (slot >= 0) {
        counts.set(slot, counts.get(slot) + 1);
      }
    }
    return new MemberCounts(counts.get(0), counts.get(1), counts.get(2), counts.get(3));
  }
}
