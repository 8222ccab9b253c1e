package dev.membership.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.PermissionDeniedException;
import java.util.EnumSet;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class GuardTest {
  private static final OrganisationId ACME = OrganisationId.random();
  private static final Role TEAM_LEAD = Role.custom(ACME, "Team lead", Set.of(Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS));
  private static final Role EVERYTHING = Role.custom(ACME, "Everything", EnumSet.allOf(Permission.class));

  @Test
  void an_owner_can_make_someone_an_owner() {
    assertThatCode(() -> Guard.mayGrant(Role.OWNER, Role.OWNER)).doesNotThrowAnyException();
  }

  @Test
  void an_admin_cannot_make_someone_an_owner() {
    assertDenied(() -> Guard.mayGrant(Role.ADMIN, Role.OWNER));
  }

  @Test
  void a_custom_role_holding_every_permission_still_cannot_make_an_owner() {
    assertDenied(() -> Guard.mayGrant(EVERYTHING, Role.OWNER));
  }

  @Test
  void an_admin_can_grant_admin_and_member() {
    assertThatCode(() -> Guard.mayGrant(Role.ADMIN, Role.ADMIN)).doesNotThrowAnyException();
    assertThatCode(() -> Guard.mayGrant(Role.ADMIN, Role.MEMBER)).doesNotThrowAnyException();
    assertThatCode(() -> Guard.mayGrant(Role.ADMIN, TEAM_LEAD)).doesNotThrowAnyException();
  }

  @Test
  void a_custom_role_cannot_grant_a_role_with_more_permissions_than_its_own() {
    assertDenied(() -> Guard.mayGrant(TEAM_LEAD, Role.ADMIN));
    assertDenied(() -> Guard.mayGrant(TEAM_LEAD,
        Role.custom(ACME, "Auditor", Set.of(Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG))));
  }

  @Test
  void a_custom_role_can_grant_its_own_role_and_anything_below_it() {
    assertThatCode(() -> Guard.mayGrant(TEAM_LEAD, TEAM_LEAD)).doesNotThrowAnyException();
    assertThatCode(() -> Guard.mayGrant(TEAM_LEAD, Role.MEMBER)).doesNotThrowAnyException();
  }

  @Test
  void an_admin_cannot_grant_a_custom_role_that_may_delete_the_organisation() {
    assertDenied(() -> Guard.mayGrant(Role.ADMIN, Role.custom(ACME, "Closer", Set.of(Permission.DELETE_ORGANISATION))));
  }

  @Test
  void an_admin_cannot_change_an_owner_but_an_owner_can() {
    assertDenied(() -> Guard.mayManage(Role.ADMIN, Role.OWNER));
    assertThatCode(() -> Guard.mayManage(Role.OWNER, Role.OWNER)).doesNotThrowAnyException();
    assertThatCode(() -> Guard.mayManage(Role.OWNER, Role.ADMIN)).doesNotThrowAnyException();
  }

  @Test
  void an_admin_can_change_admins_and_members() {
    assertThatCode(() -> Guard.mayManage(Role.ADMIN, Role.ADMIN)).doesNotThrowAnyException();
    assertThatCode(() -> Guard.mayManage(Role.ADMIN, Role.MEMBER)).doesNotThrowAnyException();
  }

  @Test
  void a_custom_role_cannot_change_a_member_whose_role_allows_more() {
    assertDenied(() -> Guard.mayManage(TEAM_LEAD, Role.ADMIN));
    assertDenied(() -> Guard.mayManage(EVERYTHING, Role.OWNER));
    assertThatCode(() -> Guard.mayManage(TEAM_LEAD, Role.MEMBER)).doesNotThrowAnyException();
  }

  private static void assertDenied(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PermissionDeniedException.class,
        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
  }
}
