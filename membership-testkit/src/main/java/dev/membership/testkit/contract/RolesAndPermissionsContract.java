package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.ErrorCode;
import dev.membership.error.PermissionDeniedException;
import dev.membership.query.GrantableRoles;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Behaviour: built-in and custom roles, what they allow, and deleting a role in use. */
public abstract class RolesAndPermissionsContract extends StoreContractSupport {

  private AccountId joinAs(OrganisationFixture org, String email, RoleId role) {
    membership().invitations().invite(org.owner(), org.id(), Invite.of(email, role));
    return membership().invitations().acceptAsNewAccount(kit().invitationTokenTo(email),
        NewMemberDetails.of(displayNameOf(email), "a passphrase of my own")).account().id();
  }

  @Test
  void the_roles_an_actor_may_give_are_exactly_those_invite_change_role_and_approve_accept_from_it() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(1).create();
    Role reviewer = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Reviewer", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS));
    Role recruiter = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Recruiter", Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS));
    membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG));
    Map<String, AccountId> actors = new LinkedHashMap<>();
    actors.put("owner", acme.owner());
    actors.put("admin", acme.admins().getFirst());
    actors.put("member", acme.members().getFirst());
    actors.put("reviewer", joinAs(acme, "rita@acme.test", reviewer.id()));
    actors.put("recruiter", joinAs(acme, "rex@acme.test", recruiter.id()));
    List<Role> roles = membership().roles().list(acme.owner(), acme.id());
    int n = 0;

    for (Map.Entry<String, AccountId> actor : actors.entrySet()) {
      GrantableRoles grantable = membership().roles().grantableBy(actor.getValue(), acme.id());
      for (Role role : roles) {
        String who = actor.getKey() + " giving " + role.name();
        int i = ++n;
        boolean invited = allowed(() -> membership().invitations().invite(actor.getValue(), acme.id(),
            Invite.of("invitee" + i + "@acme.test", role.id())));
        MembershipId targetMembership = acme.membership(joinAs(acme, "target" + i + "@acme.test", Role.MEMBER.id()));
        boolean changed = allowed(() -> membership().members().changeRole(actor.getValue(), acme.id(), targetMembership,
            role.id()));
        AccountId requester = kit().account("requester" + i + "@x.test");
        JoinRequestId request = membership().joinRequests().request(requester, acme.id()).id();
        boolean approved = allowed(() -> membership().joinRequests().approve(actor.getValue(), acme.id(), request, role.id()));

        assertThat(invited).as(who + " by invitation").isEqualTo(grantable.toInvite().contains(role));
        assertThat(changed).as(who + " by changeRole").isEqualTo(grantable.toInvite().contains(role));
        assertThat(approved).as(who + " by approval").isEqualTo(grantable.toApprove().contains(role));
      }
    }
    assertThat(membership().roles().grantableBy(acme.owner(), acme.id()).toInvite()).isEqualTo(roles);
    assertThat(membership().roles().grantableBy(acme.members().getFirst(), acme.id()))
        .isEqualTo(new GrantableRoles(List.of(), List.of()));
    assertThat(membership().roles().grantableBy(actors.get("reviewer"), acme.id()).toApprove())
        .containsExactly(Role.MEMBER, reviewer);
  }

  private static boolean allowed(ThrowingCallable command) {
    try {
      command.call();
      return true;
    } catch (PermissionDeniedException e) {
      return false;
    } catch (Throwable e) {
      throw new AssertionError("expected success or PERMISSION_DENIED", e);
    }
  }

  @Test
  void the_built_in_roles_allow_what_flows_md_says() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(1).create();

    assertThat(membership().access().permissions(acme.owner(), acme.id())).containsExactlyInAnyOrder(Permission.values());
    assertThat(membership().access().permissions(acme.admins().getFirst(), acme.id()))
        .doesNotContain(Permission.DELETE_ORGANISATION).contains(Permission.MANAGE_MEMBERS, Permission.MANAGE_ROLES);
    assertThat(membership().access().permissions(acme.members().getFirst(), acme.id()))
        .containsExactly(Permission.VIEW_MEMBERS);
  }

  @Test
  void a_custom_role_with_a_subset_of_permissions_allows_exactly_those() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role reviewer = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Reviewer", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS));

    AccountId rita = joinAs(acme, "rita@acme.test", reviewer.id());

    assertThat(membership().access().permissions(rita, acme.id()))
        .containsExactlyInAnyOrder(Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS);
    assertThat(membership().joinRequests().list(rita, acme.id(), Set.of(), PageRequest.first()).items()).isEmpty();
    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().invitations().invite(rita, acme.id(), Invite.of("x@acme.test", Role.MEMBER)));
    assertThat(membership().roles().list(acme.owner(), acme.id())).extracting(Role::name)
        .containsExactly("Owner", "Admin", "Member", "Reviewer");
  }

  @Test
  void changing_a_custom_role_changes_what_its_members_may_do_at_once() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role auditor = membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS));
    AccountId ava = joinAs(acme, "ava@acme.test", auditor.id());

    membership().roles().update(acme.owner(), acme.id(), auditor.id(),
        RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG));

    assertThat(membership().access().has(ava, acme.id(), Permission.VIEW_AUDIT_LOG)).isTrue();
    assertThat(membership().audit().list(ava, acme.id(), PageRequest.first()).items()).isNotEmpty();
  }

  @Test
  void a_role_in_use_cannot_be_deleted_without_saying_where_its_members_go() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role support = membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("Support", Permission.VIEW_MEMBERS));
    AccountId sam = joinAs(acme, "sam@acme.test", support.id());

    assertFailsWith(ErrorCode.ROLE_IN_USE, () -> membership().roles().delete(acme.owner(), acme.id(), support.id()));

    assertThat(membership().roles().list(acme.owner(), acme.id())).contains(support);
    assertThat(membership().access().has(sam, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
  }

  @Test
  void a_role_held_only_by_a_pending_invitation_is_in_use_too() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role support = membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("Support", Permission.VIEW_MEMBERS));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("sam@acme.test", support.id()));

    assertFailsWith(ErrorCode.ROLE_IN_USE, () -> membership().roles().delete(acme.owner(), acme.id(), support.id()));
  }

  @Test
  void an_unused_custom_role_can_be_deleted() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role support = membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("Support", Permission.VIEW_MEMBERS));

    membership().roles().delete(acme.owner(), acme.id(), support.id());

    assertThat(membership().roles().list(acme.owner(), acme.id())).containsExactlyElementsOf(Role.BUILT_IN);
  }

  @Test
  void deleting_a_role_with_a_replacement_moves_members_deactivated_members_and_pending_invitations() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role support = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Support", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS));
    AccountId sam = joinAs(acme, "sam@acme.test", support.id());
    AccountId sue = joinAs(acme, "sue@acme.test", support.id());
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership(sue));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("sid@acme.test", support.id()));

    int moved = membership().roles().delete(acme.owner(), acme.id(), support.id(), Role.MEMBER.id());

    assertThat(moved).isEqualTo(3);
    assertThat(membership().roles().list(acme.owner(), acme.id())).containsExactlyElementsOf(Role.BUILT_IN);
    assertThat(membership().access().permissions(sam, acme.id())).containsExactly(Permission.VIEW_MEMBERS);
    membership().members().reactivate(acme.owner(), acme.id(), acme.membership(sue));
    assertThat(membership().access().permissions(sue, acme.id())).containsExactly(Permission.VIEW_MEMBERS);
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("sid@")).items())
        .singleElement().satisfies(row -> assertThat(row.role()).isEqualTo(Role.MEMBER));
    AccountId sid = membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("sid@acme.test"),
        NewMemberDetails.of("Sid", "a passphrase of my own")).account().id();
    assertThat(membership().access().permissions(sid, acme.id())).containsExactly(Permission.VIEW_MEMBERS);
  }

  @Test
  void built_in_roles_cannot_be_changed_or_deleted() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    assertFailsWith(ErrorCode.BUILT_IN_ROLE_IS_FIXED, () -> membership().roles().delete(acme.owner(), acme.id(), Role.ADMIN.id()));
    assertFailsWith(ErrorCode.BUILT_IN_ROLE_IS_FIXED, () -> membership().roles().update(acme.owner(), acme.id(),
        Role.MEMBER.id(), RoleDefinition.of("Member", Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS)));
  }

  @Test
  void a_role_name_is_unique_in_the_organisation_ignoring_case() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("Billing", Permission.VIEW_MEMBERS));

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("BILLING", Permission.VIEW_MEMBERS)));
  }

  @Test
  void an_admin_cannot_create_a_role_with_a_permission_it_does_not_hold() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().roles().create(acme.admins().getFirst(), acme.id(),
        RoleDefinition.of("Destroyer", Permission.DELETE_ORGANISATION)));

    assertThat(membership().roles().list(acme.owner(), acme.id())).containsExactlyElementsOf(Role.BUILT_IN);
  }

  @Test
  void only_an_owner_makes_someone_an_owner() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().members().changeRole(acme.admins().getFirst(),
        acme.id(), acme.membership(acme.members().getFirst()), Role.OWNER.id()));
    membership().members().changeRole(acme.owner(), acme.id(), acme.membership(acme.members().getFirst()), Role.OWNER.id());

    assertThat(membership().access().has(acme.members().getFirst(), acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
  }

  @Test
  void a_plain_member_may_not_manage_roles() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().roles().create(acme.members().getFirst(), acme.id(),
        RoleDefinition.of("Mine", Permission.VIEW_MEMBERS)));
  }

  @Test
  void deleting_a_role_a_removed_member_once_held_keeps_the_members_page_and_its_history_working() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role support = membership().roles().create(acme.owner(), acme.id(), RoleDefinition.of("Support", Permission.VIEW_MEMBERS));
    AccountId sam = joinAs(acme, "sam@acme.test", support.id());
    membership().members().remove(acme.owner(), acme.id(), acme.membership(sam));

    membership().roles().delete(acme.owner(), acme.id(), support.id());

    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all()).items())
        .extracting(row -> row.email().value()).containsExactly("owner@acme.test");
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.REMOVED))
        .items()).extracting(row -> row.email().value()).containsExactly("sam@acme.test");
  }
}
