package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.MembershipPolicy;
import dev.membership.command.BulkInvite;
import dev.membership.command.DomainEnrollment;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.MembershipId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.AccessDecision;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Deleting an organisation, attacked as an outsider would: the confirmation typed in other ways,
 * every command and read on the deleted organisation, who keeps reading its audit log, who is told,
 * and deletion racing the changes that add people. Wired into {@link MembershipStoreContract}, so it
 * runs on every store.
 */
public abstract class OrganisationDeletionAttacksContract extends StoreContractSupport {
  private static final EntitlementKey CAD = EntitlementKey.of("cad");

  @Test
  void the_name_typed_in_decomposed_unicode_confirms_but_other_case_homoglyphs_and_inner_spaces_do_not() {
    OrganisationFixture cafe = kit().organisation("Caf\u00e9").create();

    for (String wrong : List.of("caf\u00e9", "CAF\u00c9", "C\u0430f\u00e9", "Caf \u00e9", "Cafe", "Caf\u00e9\u200b")) {
      assertFailsWith(ErrorCode.INVALID_INPUT,
          () -> membership().organisations().delete(cafe.owner(), cafe.id(), wrong));
      assertThat(membership().organisations().get(cafe.owner(), cafe.id()).isActive()).as(wrong).isTrue();
    }

    membership().organisations().delete(cafe.owner(), cafe.id(), "  Cafe\u0301 ");

    assertFailsWith(ErrorCode.ORGANISATION_DELETED, () -> membership().organisations().get(cafe.owner(), cafe.id()));
  }

  @Test
  void every_command_and_read_of_a_former_admin_or_member_on_a_deleted_organisation_answers_organisation_deleted() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers("mo@acme.test")
        .withPendingInvitations("ivy@acme.test").create();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD"));
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("mo@acme.test"), CAD);
    OrganisationDomain domain = membership().domains().add(acme.owner(), acme.id(), "acme-attack.example");
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);
    AccountId rae = kit().account("rae@x.test");
    JoinRequest asked = membership().joinRequests().request(rae, acme.id());
    AccountId owner = acme.owner();
    AccountId admin = acme.admins().getFirst();
    AccountId mo = acme.account("mo@acme.test");
    MembershipId moId = acme.membership("mo@acme.test");
    assertThat(membership().access().check(mo, acme.id(), CAD, ClientVersion.parse("1.0.0")))
        .isInstanceOf(AccessDecision.Allowed.class);

    membership().organisations().delete(owner, acme.id(), "Acme");

    List<Callable<?>> commands = List.of(
        () -> membership().members().counts(admin, acme.id()),
        () -> membership().members().listWithActions(admin, acme.id(), MemberQuery.all()),
        () -> membership().members().get(admin, acme.id(), moId),
        () -> membership().members().changeRole(owner, acme.id(), moId, Role.OWNER.id()),
        () -> membership().members().grantAccess(owner, acme.id(), moId, CAD),
        () -> membership().members().reactivate(owner, acme.id(), moId),
        () -> membership().members().resendCredentials(owner, acme.id(), moId),
        () -> membership().members().createDirectly(owner, acme.id(),
            NewAccount.generatedPassword("new@acme.test", "New", Role.MEMBER)),
        () -> membership().members().leave(mo, acme.id()),
        () -> membership().members().leave(owner, acme.id()),
        () -> membership().roles().create(owner, acme.id(), RoleDefinition.of("Viewer", Permission.VIEW_MEMBERS)),
        () -> membership().roles().list(admin, acme.id()),
        () -> membership().entitlements().extend(owner, acme.id(), CAD, kit().clock().instant().plus(Duration.ofDays(9))),
        () -> membership().entitlements().define(owner, acme.id(), EntitlementDefinition.of("cam", "CAM")),
        () -> membership().entitlements().list(admin, acme.id()),
        () -> membership().domains().add(owner, acme.id(), "acme-other.example"),
        () -> membership().domains().verify(owner, acme.id(), domain.id(), List.of(domain.txtRecordValue())),
        () -> membership().domains().list(owner, acme.id()),
        () -> membership().invitations().invite(owner, acme.id(), Invite.of("x@acme.test", Role.MEMBER)),
        () -> membership().invitations().inviteAll(owner, acme.id(),
            BulkInvite.allOrNothing(List.of(Invite.of("y@acme.test", Role.MEMBER)))),
        () -> membership().invitations().resend(owner, acme.id(), acme.invitation("ivy@acme.test")),
        () -> membership().invitations().cancel(owner, acme.id(), acme.invitation("ivy@acme.test")),
        () -> membership().joinRequests().approve(admin, acme.id(), asked.id()),
        () -> membership().joinRequests().withdraw(rae, asked.id()),
        () -> membership().joinRequests().request(kit().account("sam@x.test"), acme.id()),
        () -> membership().organisations().setDiscoverable(owner, acme.id(), false),
        () -> membership().organisations().rename(owner, acme.id(), "Acme Reborn"),
        () -> membership().audit().list(admin, acme.id(), PageRequest.first()),
        () -> membership().audit().list(mo, acme.id(), PageRequest.first()));
    for (int n = 0; n < commands.size(); n++) {
      int i = n;
      Callable<?> command = commands.get(n);
      assertThatThrownBy(command::call).as("command #%d", i).isInstanceOfSatisfying(MembershipException.class,
          e -> assertThat(e.code()).as("command #%d: %s", i, e.getMessage()).isEqualTo(ErrorCode.ORGANISATION_DELETED));
    }
    assertThat(membership().access().check(mo, acme.id(), CAD, ClientVersion.parse("1.0.0")))
        .isInstanceOf(AccessDecision.MemberNotActive.class);
    assertThat(membership().access().hasEntitlement(mo, acme.id(), CAD)).isFalse();
    assertThat(membership().organisations().deletedOwnedBy(admin)).isEmpty();
    assertThat(membership().organisations().deletedOwnedBy(mo)).isEmpty();
  }

  @Test
  void an_owner_demoted_or_deactivated_just_before_the_deletion_does_not_keep_reading_the_log() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();
    AccountId demoted = kit().join(acme.id(), acme.owner(), "demoted@acme.test", Role.OWNER);
    AccountId deactivated = kit().join(acme.id(), acme.owner(), "off@acme.test", Role.OWNER);
    AccountId removed = kit().join(acme.id(), acme.owner(), "gone@acme.test", Role.OWNER);
    membership().members().changeRole(acme.owner(), acme.id(), acme.membership(demoted), Role.ADMIN.id());
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership(deactivated));
    membership().members().remove(acme.owner(), acme.id(), acme.membership(removed));

    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    assertThat(membership().organisations().deletedOwnedBy(acme.owner())).hasSize(1);
    for (AccountId former : List.of(demoted, deactivated, removed)) {
      assertThat(membership().organisations().deletedOwnedBy(former)).isEmpty();
      assertFailsWith(ErrorCode.ORGANISATION_DELETED,
          () -> membership().audit().list(former, acme.id(), PageRequest.first()));
    }
    assertThat(kit().mailbox().deliveredTo("gone@acme.test", NotificationType.ORGANISATION_DELETED))
        .as("a member removed before the deletion is not told of it").isEmpty();
    assertThat(kit().mailbox().deliveredTo("off@acme.test", NotificationType.ORGANISATION_DELETED)).hasSize(1);
  }

  @Test
  void purging_one_deleted_organisation_keeps_a_later_deleted_ones_log_for_its_owner() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(2).create();
    OrganisationFixture globex = kit().organisation("Globex").ownedBy("owner@globex.test").withMembers(2).create();
    membership().organisations().delete(acme.owner(), acme.id(), "Acme");
    kit().clock().advance(Duration.ofDays(30));
    membership().organisations().delete(globex.owner(), globex.id(), "Globex");
    kit().clock().advance(MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION.minusDays(30));

    while (membership().organisations().purgeDeleted() > 0) {
      // until Acme is gone
    }

    assertFailsWith(ErrorCode.ORGANISATION_NOT_FOUND,
        () -> membership().audit().list(acme.owner(), acme.id(), PageRequest.first()));
    assertThat(membership().audit().list(globex.owner(), globex.id(), PageRequest.first()).items()).isNotEmpty();
    assertThat(membership().organisations().deletedOwnedBy(globex.owner())).hasSize(1);
    assertThat(this.<MemberCounts>tx(tx -> tx.reads().memberCounts(globex.id()))).isEqualTo(new MemberCounts(0, 0, 3, 0));
  }

  @Test
  void deleting_while_an_admin_creates_a_member_directly_leaves_no_live_member() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).create();

    List<Optional<MembershipException>> results = race(
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"),
        () -> membership().members().createDirectly(acme.admins().getFirst(), acme.id(),
            NewAccount.generatedPassword("direct@acme.test", "Direct", Role.MEMBER)));

    assertThat(results.get(0)).isEmpty();
    results.get(1).ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_DELETED));
    assertNoOneLeftIn(acme);
  }

  @Test
  void deleting_while_an_admin_invites_all_or_nothing_leaves_no_pending_invitation() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).create();
    List<Invite> invites = List.of(Invite.of("a@acme.test", Role.MEMBER), Invite.of("b@acme.test", Role.MEMBER),
        Invite.of("c@acme.test", Role.MEMBER));

    List<Optional<MembershipException>> results = race(
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"),
        () -> membership().invitations().inviteAll(acme.admins().getFirst(), acme.id(), BulkInvite.allOrNothing(invites)));

    assertThat(results.get(0)).isEmpty();
    results.get(1).ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_DELETED));
    assertNoOneLeftIn(acme);
  }

  @Test
  void deleting_while_a_verified_domain_enrols_a_newcomer_automatically_leaves_no_live_member() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    OrganisationDomain domain = membership().domains().add(acme.owner(), acme.id(), "acme-auto.example");
    membership().domains().verify(acme.owner(), acme.id(), domain.id(), List.of(domain.txtRecordValue()));
    membership().domains().setEnrollment(acme.owner(), acme.id(), domain.id(), DomainEnrollment.automatic(Role.MEMBER.id()));
    AccountId newcomer = kit().account("new@acme-auto.example");

    List<Optional<MembershipException>> results = race(
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"),
        () -> membership().domains().enrol(newcomer));

    assertThat(results).allSatisfy(r -> assertThat(r).isEmpty());
    assertThat(find(tx -> tx.memberships().findLive(acme.id(), newcomer))).isEmpty();
    assertNoOneLeftIn(acme);
  }

  @Test
  void deleting_while_an_owner_promotes_a_member_leaves_no_live_member() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();
    MembershipId member = acme.membership(acme.members().getFirst());

    List<Optional<MembershipException>> results = race(
        () -> membership().organisations().delete(acme.owner(), acme.id(), "Acme"),
        () -> membership().members().changeRole(acme.owner(), acme.id(), member, Role.OWNER.id()));

    assertThat(results.get(0)).isEmpty();
    results.get(1).ifPresent(e -> assertThat(e.code()).isEqualTo(ErrorCode.ORGANISATION_DELETED));
    assertNoOneLeftIn(acme);
  }

  private void assertNoOneLeftIn(OrganisationFixture organisation) {
    MemberCounts counts = tx(tx -> tx.reads().memberCounts(organisation.id()));
    assertThat(counts.active()).isZero();
    assertThat(counts.deactivated()).isZero();
    assertThat(counts.invited()).isZero();
    assertThat(membership().organisations().of(organisation.owner(), PageRequest.first()).items()).isEmpty();
  }

  /** Runs both at once; returns the typed refusal of each, if any (anything else fails the test). */
  private static List<Optional<MembershipException>> race(Callable<?> first, Callable<?> second) {
    return Races.refusals(first, second);
  }
}
