package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.RoleDefinition;
import dev.membership.command.NewAccount;
import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour: the members page, roles, access, deactivate, reactivate, remove, leave, the last owner. */
public abstract class MembersContract extends StoreContractSupport {
  private static final EntitlementKey ANALYTICS = EntitlementKey.of("analytics");
  private static final EntitlementKey CRM = EntitlementKey.of("crm");

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins(1).withMembers(2).withPendingInvitations(1).create();
  }

  private List<String> page(OrganisationFixture org, MemberQuery query) {
    return membership().members().list(org.owner(), org.id(), query).items().stream()
        .map(row -> row.email().value() + " " + row.badge()).toList();
  }

  @Test
  void the_members_page_shows_members_and_pending_invitations_together_with_their_badges() {
    OrganisationFixture acme = acme();
    membership().members().createDirectly(acme.owner(), acme.id(), NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("member2@acme.test"));

    assertThat(page(acme, MemberQuery.all())).containsExactly(
        "admin1@acme.test ACTIVE",
        "bo@acme.test CREATED_BY_ADMIN",
        "invited1@acme.test PENDING",
        "member1@acme.test ACTIVE",
        "member2@acme.test DEACTIVATED",
        "owner@acme.test ACTIVE");
    assertThat(page(acme, MemberQuery.all().withBadges(MemberBadge.PENDING, MemberBadge.DEACTIVATED)))
        .containsExactly("invited1@acme.test PENDING", "member2@acme.test DEACTIVATED");
    assertThat(page(acme, MemberQuery.all().withRoles(Role.ADMIN.id()))).containsExactly("admin1@acme.test ACTIVE");
    assertThat(page(acme, MemberQuery.all().withText("MEMBER1"))).containsExactly("member1@acme.test ACTIVE");
  }

  @Test
  void the_members_page_is_read_in_pages() {
    OrganisationFixture acme = acme();

    List<MemberRow> rows = walk(2, request -> membership().members().list(acme.owner(), acme.id(),
        MemberQuery.all().withPage(request)));

    assertThat(rows).extracting(row -> row.email().value()).containsExactly(
        "admin1@acme.test", "invited1@acme.test", "member1@acme.test", "member2@acme.test", "owner@acme.test");
  }

  @Test
  void a_plain_member_sees_the_members_page_but_may_not_change_anyone() {
    OrganisationFixture acme = acme();
    AccountId member1 = acme.account("member1@acme.test");

    assertThat(membership().members().list(member1, acme.id(), MemberQuery.all()).items()).hasSize(5);
    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().members().deactivate(member1, acme.id(), acme.membership("member2@acme.test")));
  }

  @Test
  void changing_a_role_changes_what_the_member_may_do() {
    OrganisationFixture acme = acme();
    AccountId member1 = acme.account("member1@acme.test");

    Membership changed = membership().members().changeRole(acme.owner(), acme.id(), acme.membership(member1), Role.ADMIN.id());

    assertThat(changed.roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(membership().access().has(member1, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
  }

  @Test
  void granting_access_gives_the_entitlement_and_revoking_takes_it_away() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));
    AccountId member1 = acme.account("member1@acme.test");

    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership(member1), ANALYTICS);
    assertThat(membership().access().hasEntitlement(member1, acme.id(), ANALYTICS)).isTrue();
    membership().members().revokeAccess(acme.owner(), acme.id(), acme.membership(member1), ANALYTICS);

    assertThat(membership().access().hasEntitlement(member1, acme.id(), ANALYTICS)).isFalse();
  }

  @Test
  void an_entitlement_the_organisation_does_not_hold_cannot_be_granted() {
    OrganisationFixture acme = acme();

    assertFailsWith(ErrorCode.ENTITLEMENT_NOT_FOUND, () -> membership().members().grantAccess(acme.owner(), acme.id(),
        acme.membership("member1@acme.test"), ANALYTICS));
  }

  @Test
  void the_seat_limit_counts_pending_invitations_too() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").withSeats(2));
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("member1@acme.test"), ANALYTICS);
    Invitation invited = membership().invitations().invite(acme.owner(), acme.id(),
        Invite.of("new@acme.test", Role.MEMBER).withAccess("analytics"));

    assertFailsWith(ErrorCode.SEAT_LIMIT_REACHED, () -> membership().members().grantAccess(acme.owner(), acme.id(),
        acme.membership("member2@acme.test"), ANALYTICS));
    assertFailsWith(ErrorCode.SEAT_LIMIT_REACHED, () -> membership().invitations().invite(acme.owner(), acme.id(),
        Invite.of("other@acme.test", Role.MEMBER).withAccess("analytics")));

    membership().invitations().cancel(acme.owner(), acme.id(), invited.id());
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("member2@acme.test"), ANALYTICS);
    assertThat(membership().access().hasEntitlement(acme.account("member2@acme.test"), acme.id(), ANALYTICS)).isTrue();
  }

  @Test
  void deactivating_a_member_takes_away_every_permission_and_access_at_once() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));
    AccountId admin = acme.admins().getFirst();
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership(admin), ANALYTICS);

    Membership deactivated = membership().members().deactivate(acme.owner(), acme.id(), acme.membership(admin));

    assertThat(deactivated.status()).isEqualTo(MembershipStatus.DEACTIVATED);
    assertThat(membership().access().permissions(admin, acme.id())).isEmpty();
    assertThat(membership().access().has(admin, acme.id(), Permission.VIEW_MEMBERS)).isFalse();
    assertThat(membership().access().hasEntitlement(admin, acme.id(), ANALYTICS)).isFalse();
    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().members().list(admin, acme.id(), MemberQuery.all()));
    assertThat(page(acme, MemberQuery.all().withText("admin1"))).containsExactly("admin1@acme.test DEACTIVATED");
  }

  @Test
  void reactivation_restores_exactly_the_role_and_access_the_member_had() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("crm", "CRM"));
    AccountId admin = acme.admins().getFirst();
    MembershipId id = acme.membership(admin);
    membership().members().grantAccess(acme.owner(), acme.id(), id, ANALYTICS);
    membership().members().grantAccess(acme.owner(), acme.id(), id, CRM);
    var before = membership().access().permissions(admin, acme.id());
    membership().members().deactivate(acme.owner(), acme.id(), id);

    Membership back = membership().members().reactivate(acme.owner(), acme.id(), id);

    assertThat(back.roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(back.grants()).containsExactlyInAnyOrder(ANALYTICS, CRM);
    assertThat(membership().access().permissions(admin, acme.id())).isEqualTo(before);
    assertThat(membership().access().hasEntitlement(admin, acme.id(), ANALYTICS)).isTrue();
    assertThat(membership().access().hasEntitlement(admin, acme.id(), CRM)).isTrue();
  }

  @Test
  void removing_a_member_keeps_the_history_and_the_person_can_be_invited_again_as_a_new_membership() {
    OrganisationFixture acme = acme();
    AccountId member1 = acme.account("member1@acme.test");
    MembershipId old = acme.membership(member1);

    membership().members().remove(acme.owner(), acme.id(), old);

    assertThat(membership().access().permissions(member1, acme.id())).isEmpty();
    assertThat(page(acme, MemberQuery.all().withText("member1"))).isEmpty();
    assertThat(page(acme, MemberQuery.all().withBadges(MemberBadge.REMOVED))).containsExactly("member1@acme.test REMOVED");
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("member1@acme.test", Role.ADMIN));
    Membership again = membership().invitations().accept(member1, kit().invitationTokenTo("member1@acme.test"));
    assertThat(again.id()).isNotEqualTo(old);
    assertThat(membership().access().has(member1, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(page(acme, MemberQuery.all().withBadges(MemberBadge.REMOVED, MemberBadge.ACTIVE).withText("member1")))
        .containsExactlyInAnyOrder("member1@acme.test REMOVED", "member1@acme.test ACTIVE");
  }

  @Test
  void a_removed_member_whose_custom_role_was_deleted_is_read_by_get_as_list_shows_it() {
    OrganisationFixture acme = acme();
    Role support = membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("Support", Permission.VIEW_MEMBERS));
    MembershipId member1 = acme.membership("member1@acme.test");
    membership().members().changeRole(acme.owner(), acme.id(), member1, support.id());
    membership().members().remove(acme.owner(), acme.id(), member1);
    membership().roles().delete(acme.owner(), acme.id(), support.id());

    MemberRow listed = membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.REMOVED))
        .items().getFirst();
    MemberRow got = membership().members().get(acme.owner(), acme.id(), member1).row();

    assertThat(got.badge()).isEqualTo(MemberBadge.REMOVED);
    assertThat(got.role()).isEqualTo(Role.deleted(acme.id(), support.id())).isEqualTo(listed.role());
    assertThat(got.role().name()).isEqualTo("Deleted role");
    assertThat(got.role().permissions()).isEmpty();
    assertThat(got.email()).isEqualTo(listed.email());
  }

  @Test
  void a_deactivated_member_can_be_removed() {
    OrganisationFixture acme = acme();
    MembershipId member1 = acme.membership("member1@acme.test");
    membership().members().deactivate(acme.owner(), acme.id(), member1);

    membership().members().remove(acme.owner(), acme.id(), member1);

    assertThat(page(acme, MemberQuery.all().withBadges(MemberBadge.REMOVED))).containsExactly("member1@acme.test REMOVED");
    assertFailsWith(ErrorCode.MEMBER_ALREADY_REMOVED, () -> membership().members().reactivate(acme.owner(), acme.id(), member1));
    assertFailsWith(ErrorCode.MEMBER_ALREADY_REMOVED, () -> membership().members().deactivate(acme.owner(), acme.id(), member1));
    assertFailsWith(ErrorCode.MEMBER_ALREADY_REMOVED, () -> membership().members().remove(acme.owner(), acme.id(), member1));
  }

  @Test
  void reactivating_an_active_member_or_deactivating_a_deactivated_one_is_refused_with_its_own_code() {
    OrganisationFixture acme = acme();
    MembershipId member1 = acme.membership("member1@acme.test");

    assertFailsWith(ErrorCode.MEMBER_ALREADY_ACTIVE, () -> membership().members().reactivate(acme.owner(), acme.id(), member1));
    membership().members().deactivate(acme.owner(), acme.id(), member1);
    assertFailsWith(ErrorCode.MEMBER_ALREADY_DEACTIVATED,
        () -> membership().members().deactivate(acme.owner(), acme.id(), member1));

    assertThat(page(acme, MemberQuery.all().withBadges(MemberBadge.DEACTIVATED))).containsExactly("member1@acme.test DEACTIVATED");
  }

  @Test
  void a_member_may_leave_the_organisation() {
    OrganisationFixture acme = acme();
    AccountId member1 = acme.account("member1@acme.test");

    Membership left = membership().members().leave(member1, acme.id());

    assertThat(left.status()).isEqualTo(MembershipStatus.REMOVED);
    assertThat(membership().access().permissions(member1, acme.id())).isEmpty();
    assertThat(membership().organisations().of(member1, PageRequest.first()).items()).isEmpty();
  }

  @Test
  void the_last_owner_cannot_be_demoted_deactivated_removed_or_leave() {
    OrganisationFixture acme = acme();
    MembershipId owner = acme.membership(acme.owner());

    assertFailsWith(ErrorCode.LAST_OWNER,
        () -> membership().members().changeRole(acme.owner(), acme.id(), owner, Role.ADMIN.id()));
    assertFailsWith(ErrorCode.LAST_OWNER, () -> membership().members().deactivate(acme.owner(), acme.id(), owner));
    assertFailsWith(ErrorCode.LAST_OWNER, () -> membership().members().remove(acme.owner(), acme.id(), owner));
    assertFailsWith(ErrorCode.LAST_OWNER, () -> membership().members().leave(acme.owner(), acme.id()));

    assertThat(membership().access().has(acme.owner(), acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
  }

  @Test
  void a_second_owner_lets_the_first_one_step_down() {
    OrganisationFixture acme = acme();
    AccountId admin = acme.admins().getFirst();
    membership().members().changeRole(acme.owner(), acme.id(), acme.membership(admin), Role.OWNER.id());

    membership().members().changeRole(acme.owner(), acme.id(), acme.membership(acme.owner()), Role.ADMIN.id());

    assertThat(membership().access().has(acme.owner(), acme.id(), Permission.DELETE_ORGANISATION)).isFalse();
    assertThat(membership().access().has(admin, acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
    assertFailsWith(ErrorCode.LAST_OWNER, () -> membership().members().leave(admin, acme.id()));
  }

  @Test
  void a_second_owner_lets_the_first_one_leave() {
    OrganisationFixture acme = acme();
    AccountId admin = acme.admins().getFirst();
    membership().members().changeRole(acme.owner(), acme.id(), acme.membership(admin), Role.OWNER.id());

    membership().members().leave(acme.owner(), acme.id());

    assertThat(membership().access().permissions(acme.owner(), acme.id())).isEmpty();
    assertThat(membership().access().has(admin, acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
  }

  @Test
  void an_admin_may_not_change_an_owner() {
    OrganisationFixture acme = acme();

    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().members().deactivate(acme.admins().getFirst(),
        acme.id(), acme.membership(acme.owner())));
  }

  @Test
  void a_trial_gives_access_until_it_ends() {
    OrganisationFixture acme = acme();
    Instant end = kit().clock().instant().plus(Duration.ofDays(14));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").until(end));
    AccountId member1 = acme.account("member1@acme.test");
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership(member1), ANALYTICS);

    kit().clock().advance(Duration.ofDays(14).minusSeconds(1));
    assertThat(membership().access().hasEntitlement(member1, acme.id(), ANALYTICS)).isTrue();
    kit().clock().advance(Duration.ofSeconds(1));

    assertThat(membership().access().hasEntitlement(member1, acme.id(), ANALYTICS)).isFalse();
  }

  @Test
  void a_seat_limit_cannot_be_lowered_below_the_seats_in_use() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").withSeats(5));
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("member1@acme.test"), ANALYTICS);
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("new@acme.test", Role.MEMBER).withAccess("analytics"));

    assertFailsWith(ErrorCode.SEAT_LIMIT_REACHED, () -> membership().entitlements().update(acme.owner(), acme.id(),
        EntitlementDefinition.of("analytics", "Analytics").withSeats(1)));
    membership().entitlements().update(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").withSeats(2));

    assertThat(membership().entitlements().list(acme.owner(), acme.id())).singleElement()
        .satisfies(e -> assertThat(e.seatLimit()).contains(2));
  }

  @Test
  void a_member_can_be_reactivated_after_a_trial_they_held_has_ended() {
    OrganisationFixture acme = acme();
    Instant end = kit().clock().instant().plus(Duration.ofDays(14));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").until(end));
    AccountId member1 = acme.account("member1@acme.test");
    MembershipId id = acme.membership(member1);
    membership().members().grantAccess(acme.owner(), acme.id(), id, ANALYTICS);
    membership().members().deactivate(acme.owner(), acme.id(), id);
    kit().clock().advance(Duration.ofDays(30));

    membership().members().reactivate(acme.owner(), acme.id(), id);

    assertThat(membership().access().has(member1, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(membership().access().hasEntitlement(member1, acme.id(), ANALYTICS)).isFalse();
  }

  @Test
  void deactivating_a_member_frees_their_seats_and_reactivation_needs_a_free_seat_again() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").withSeats(1));
    MembershipId member1 = acme.membership("member1@acme.test");
    MembershipId member2 = acme.membership("member2@acme.test");
    membership().members().grantAccess(acme.owner(), acme.id(), member1, ANALYTICS);
    membership().members().deactivate(acme.owner(), acme.id(), member1);

    membership().members().grantAccess(acme.owner(), acme.id(), member2, ANALYTICS);

    assertFailsWith(ErrorCode.SEAT_LIMIT_REACHED, () -> membership().members().reactivate(acme.owner(), acme.id(), member1));
    assertThat(page(acme, MemberQuery.all().withText("member1"))).containsExactly("member1@acme.test DEACTIVATED");
    membership().members().revokeAccess(acme.owner(), acme.id(), member2, ANALYTICS);
    membership().members().reactivate(acme.owner(), acme.id(), member1);
    assertThat(membership().access().hasEntitlement(acme.account("member1@acme.test"), acme.id(), ANALYTICS)).isTrue();
  }
}
