package dev.membership.testkit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.membership.domain.MembershipId;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import org.junit.jupiter.api.Test;

/**
 * An owner B makes a member an owner while owner A demotes B to admin; A's demotion commits after B's
 * command read B's access and before it writes, as READ COMMITTED allows on PostgreSQL. Only an owner
 * makes an owner, so B's stale command must be refused; promoting to owner changes who owns the
 * organisation and must lock it and check the actor again, as demotions do. The same holds for
 * reactivating a deactivated owner.
 */
class AdversarialStalePromotionTest extends ThreeOwners {

  @Test
  void owner_demoted_just_before_writing_cannot_make_someone_an_owner() {
    MembershipId member = acme.membership(acme.members().get(0));
    store.beforeFirst(LOCK_OR_WRITE, this::aDemotesB);

    Throwable thrown = catchThrowable(
        () -> kit.membership().members().changeRole(b, acme.id(), member, Role.OWNER.id()));

    assertThat(kit.membershipOf(acme.id(), b).roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(kit.membershipOf(acme.id(), acme.members().get(0)).roleId())
        .as("an admin made an owner").isEqualTo(Role.MEMBER.id());
    assertDenied(thrown);
  }

  @Test
  void owner_demoted_just_before_writing_cannot_bring_back_a_deactivated_owner() {
    MembershipId dormant = acme.membership(acme.members().get(0));
    kit.membership().members().changeRole(a, acme.id(), dormant, Role.OWNER.id());
    kit.membership().members().deactivate(a, acme.id(), dormant);
    store.beforeFirst(LOCK_OR_WRITE, this::aDemotesB);

    Throwable thrown = catchThrowable(() -> kit.membership().members().reactivate(b, acme.id(), dormant));

    assertThat(kit.membershipOf(acme.id(), b).roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(kit.membershipOf(acme.id(), acme.members().get(0)).isActive())
        .as("an admin brought back an owner").isFalse();
    assertDenied(thrown);
  }


  private static void assertDenied(Throwable thrown) {
    assertThat(thrown).isInstanceOfSatisfying(MembershipException.class,
        e -> assertThat(e.code()).isIn(ErrorCode.PERMISSION_DENIED, ErrorCode.CONCURRENT_MODIFICATION));
  }
}
