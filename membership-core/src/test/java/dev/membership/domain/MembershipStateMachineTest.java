package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.IllegalStateTransitionException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MembershipStateMachineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  private static final Instant T3 = T0.plusSeconds(180);
  private static final Set<EntitlementKey> GRANTS = Set.of(EntitlementKey.of("analytics"), EntitlementKey.of("crm.pro"));

  private static Membership activeAdminWithGrants() {
    return Membership.start(OrganisationId.random(), AccountId.random(), Role.ADMIN.id(), GRANTS,
        MembershipOrigin.INVITATION, T0);
  }

  @Test
  void a_new_membership_is_active_with_its_role_grants_and_origin() {
    Membership m = activeAdminWithGrants();

    assertThat(m.status()).isEqualTo(MembershipStatus.ACTIVE);
    assertThat(m.isActive()).isTrue();
    assertThat(m.roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(m.grants()).isEqualTo(GRANTS);
    assertThat(m.origin()).isEqualTo(MembershipOrigin.INVITATION);
    assertThat(m.suspension()).isEmpty();
    assertThat(m.joinedAt()).isEqualTo(T0);
  }

  @Test
  void deactivation_takes_every_grant_away_keeps_the_role_and_stores_the_grants_in_a_suspension() {
    Membership m = activeAdminWithGrants().deactivate(T1);

    assertThat(m.status()).isEqualTo(MembershipStatus.DEACTIVATED);
    assertThat(m.isActive()).isFalse();
    assertThat(m.grants()).isEmpty();
    assertThat(m.suspension()).contains(new Suspension(GRANTS, T1));
    assertThat(m.updatedAt()).isEqualTo(T1);
  }

  @Test
  void reactivation_restores_exactly_the_role_and_grants_held_at_deactivation() {
    Membership before = activeAdminWithGrants();

    Membership after = before.deactivate(T1).reactivate(T2);

    assertThat(after.status()).isEqualTo(MembershipStatus.ACTIVE);
    assertThat(after.roleId()).isEqualTo(before.roleId());
    assertThat(after.grants()).isEqualTo(before.grants());
    assertThat(after.suspension()).isEmpty();
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.origin()).isEqualTo(before.origin());
    assertThat(after.joinedAt()).isEqualTo(before.joinedAt());
    assertThat(after.updatedAt()).isEqualTo(T2);
  }

  @Test
  void a_deactivated_membership_holds_its_role_once_and_reactivation_gives_back_that_role() {
    Membership suspended = activeAdminWithGrants().deactivate(T1);

    assertThat(suspended.roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(Suspension.class.getRecordComponents())
        .as("the suspension does not repeat the role, so nothing can disagree with roleId")
        .extracting(RecordComponent::getName)
        .containsExactly("grants", "since");

    Membership back = suspended.reactivate(T2);

    assertThat(back.roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(back.grants()).isEqualTo(GRANTS);
  }

  @Test
  void a_membership_can_be_deactivated_and_reactivated_again_and_again() {
    Membership m = activeAdminWithGrants();
    for (int i = 0; i < 3; i++) {
      m = m.deactivate(T1).reactivate(T2);
    }
    assertThat(m.roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(m.grants()).isEqualTo(GRANTS);
  }

  @Test
  void transitions_return_a_new_value_and_never_change_the_old_one() {
    Membership active = activeAdminWithGrants();

    active.deactivate(T1);
    active.remove(T1);

    assertThat(active.status()).isEqualTo(MembershipStatus.ACTIVE);
    assertThat(active.grants()).isEqualTo(GRANTS);
  }

  @Test
  void an_active_membership_can_be_removed_and_loses_its_grants() {
    Membership removed = activeAdminWithGrants().remove(T1);

    assertThat(removed.status()).isEqualTo(MembershipStatus.REMOVED);
    assertThat(removed.status().isLive()).isFalse();
    assertThat(removed.grants()).isEmpty();
    assertThat(removed.suspension()).isEmpty();
  }

  @Test
  void a_deactivated_membership_can_be_removed_and_its_suspension_is_dropped() {
    Membership removed = activeAdminWithGrants().deactivate(T1).remove(T2);

    assertThat(removed.status()).isEqualTo(MembershipStatus.REMOVED);
    assertThat(removed.grants()).isEmpty();
    assertThat(removed.suspension()).isEmpty();
  }

  @Test
  void reactivating_an_active_membership_is_refused_as_already_active() {
    assertThat(refusal(MembershipStatus.ACTIVE, MembershipStatus.ACTIVE)).isEqualTo(ErrorCode.MEMBER_ALREADY_ACTIVE);
    assertIllegal(() -> activeAdminWithGrants().reactivate(T1), MembershipStatus.ACTIVE, MembershipStatus.ACTIVE);
  }

  @Test
  void deactivating_a_deactivated_membership_is_refused_as_already_deactivated() {
    Membership deactivated = activeAdminWithGrants().deactivate(T1);
    assertIllegal(() -> deactivated.deactivate(T2), MembershipStatus.DEACTIVATED, MembershipStatus.DEACTIVATED);
  }

  @Test
  void removing_a_removed_membership_is_refused_as_already_removed() {
    Membership removed = activeAdminWithGrants().remove(T1);
    assertIllegal(() -> removed.remove(T2), MembershipStatus.REMOVED, MembershipStatus.REMOVED);
  }

  @Test
  void a_removed_membership_can_be_neither_reactivated_nor_deactivated() {
    Membership removed = activeAdminWithGrants().deactivate(T1).remove(T2);
    assertIllegal(() -> removed.reactivate(T3), MembershipStatus.REMOVED, MembershipStatus.ACTIVE);
    assertIllegal(() -> removed.deactivate(T3), MembershipStatus.REMOVED, MembershipStatus.DEACTIVATED);
  }

  @Test
  void role_and_grants_of_a_deactivated_member_cannot_be_changed_until_reactivated() {
    Membership deactivated = activeAdminWithGrants().deactivate(T1);
    assertThatThrownBy(() -> deactivated.withRole(Role.MEMBER.id(), T2))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEMBER_NOT_ACTIVE));
    assertThatThrownBy(() -> deactivated.withGrants(Set.of(EntitlementKey.of("x")), T2))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEMBER_NOT_ACTIVE));
  }

  @Test
  void an_active_member_changes_role_and_grants_without_changing_status() {
    Membership m = activeAdminWithGrants()
        .withRole(Role.MEMBER.id(), T1)
        .withGrants(Set.of(EntitlementKey.of("analytics")), T2);

    assertThat(m.status()).isEqualTo(MembershipStatus.ACTIVE);
    assertThat(m.roleId()).isEqualTo(Role.MEMBER.id());
    assertThat(m.grants()).containsExactly(EntitlementKey.of("analytics"));
    assertThat(m.updatedAt()).isEqualTo(T2);
  }

  @Test
  void deleting_the_role_of_a_deactivated_member_reassigns_it_so_reactivation_gives_the_replacement() {
    OrganisationId org = OrganisationId.random();
    Role custom = Role.custom(org, "Billing", Set.of(Permission.VIEW_MEMBERS));
    Membership deactivated = Membership.start(org, AccountId.random(), custom.id(), GRANTS, MembershipOrigin.INVITATION, T0)
        .deactivate(T1);

    Membership back = deactivated.reassignRole(custom.id(), Role.MEMBER.id(), T2).reactivate(T3);

    assertThat(back.roleId()).isEqualTo(Role.MEMBER.id());
    assertThat(back.grants()).isEqualTo(GRANTS);
  }

  @Test
  void a_membership_value_that_breaks_the_invariants_cannot_be_built() {
    Membership m = activeAdminWithGrants();
    // deactivated without a suspension
    assertThatThrownBy(() -> new Membership(m.id(), m.organisationId(), m.accountId(), m.roleId(), Set.of(),
        MembershipStatus.DEACTIVATED, m.origin(), Optional.empty(), T0, T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    // active with a suspension
    assertThatThrownBy(() -> new Membership(m.id(), m.organisationId(), m.accountId(), m.roleId(), Set.of(),
        MembershipStatus.ACTIVE, m.origin(), Optional.of(new Suspension(Set.of(), T0)), T0, T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    // removed but still holding grants
    assertThatThrownBy(() -> new Membership(m.id(), m.organisationId(), m.accountId(), m.roleId(), GRANTS,
        MembershipStatus.REMOVED, m.origin(), Optional.empty(), T0, T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void grants_are_copied_so_the_caller_cannot_change_them_afterwards() {
    var mutable = new HashSet<>(GRANTS);
    Membership m = Membership.start(OrganisationId.random(), AccountId.random(), Role.MEMBER.id(), mutable,
        MembershipOrigin.FOUNDER, T0);

    mutable.add(EntitlementKey.of("sneaky"));

    assertThat(m.grants()).isEqualTo(GRANTS);
    assertThatThrownBy(() -> m.grants().add(EntitlementKey.of("sneaky"))).isInstanceOf(UnsupportedOperationException.class);
  }

  /** The code the status type's table names for a refused move (the walk in StateTransitionTablesTest pins each). */
  static ErrorCode refusal(Enum<?> from, Enum<?> to) {
    return switch (from) {
      case MembershipStatus f -> MembershipStatus.TRANSITIONS.refusal(f, (MembershipStatus) to);
      case InvitationStatus f -> InvitationStatus.TRANSITIONS.refusal(f, (InvitationStatus) to);
      case JoinRequestStatus f -> JoinRequestStatus.TRANSITIONS.refusal(f, (JoinRequestStatus) to);
      case SignUpStatus f -> SignUpStatus.TRANSITIONS.refusal(f, (SignUpStatus) to);
      case OrganisationStatus f -> OrganisationStatus.TRANSITIONS.refusal(f, (OrganisationStatus) to);
      default -> throw new IllegalArgumentException(from.getClass().getName());
    };
  }

  static void assertIllegal(ThrowingCallable call, Enum<?> from, Enum<?> to) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(IllegalStateTransitionException.class, e -> {
          assertThat(e.code()).isEqualTo(refusal(from, to));
          assertThat(e.from()).isEqualTo(from);
          assertThat(e.to()).isEqualTo(to);
        });
  }
}
