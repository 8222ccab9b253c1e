package dev.membership.testkit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import org.junit.jupiter.api.Test;

/**
 * An owner is demoted to admin by another owner while its own command is already under way: the
 * exact interleaving READ COMMITTED allows on PostgreSQL (the demotion commits after this command
 * read the actor's access, while it waits for the organisation row lock or just before it writes).
 * Only an owner changes or makes an owner, so the stale command must be refused.
 *
 * <p>{@link InterleavingStore} runs the other owner's command, committed, at a chosen point of this command's
 * transaction; the in-memory store alone runs transactions one after the other and cannot show it.
 */
class AdversarialStaleOwnerTest extends ThreeOwners {

  @Test
  void owner_demoted_while_waiting_for_the_lock_cannot_demote_another_owner() {
    store.beforeFirst(LOCK_OR_WRITE, this::aDemotesB);

    Throwable thrown = catchThrowable(
        () -> kit.membership().members().changeRole(b, acme.id(), acme.membership(c), Role.ADMIN.id()));

    assertThat(kit.membershipOf(acme.id(), b).roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(kit.membershipOf(acme.id(), c).roleId()).as("an admin demoted an owner").isEqualTo(Role.OWNER.id());
    assertDenied(thrown);
  }

  @Test
  void owner_demoted_while_waiting_for_the_lock_cannot_deactivate_another_owner() {
    store.beforeFirst(LOCK_OR_WRITE, this::aDemotesB);

    Throwable thrown = catchThrowable(() -> kit.membership().members().deactivate(b, acme.id(), acme.membership(c)));

    assertThat(kit.membershipOf(acme.id(), c).isActive()).as("an admin deactivated an owner").isTrue();
    assertDenied(thrown);
  }

  @Test
  void owner_demoted_while_waiting_for_the_lock_cannot_remove_another_owner() {
    store.beforeFirst(LOCK_OR_WRITE, this::aDemotesB);

    Throwable thrown = catchThrowable(() -> kit.membership().members().remove(b, acme.id(), acme.membership(c)));

    assertThat(kit.membershipOf(acme.id(), c).roleId()).as("an admin removed an owner").isEqualTo(Role.OWNER.id());
    assertDenied(thrown);
  }


  private static void assertDenied(Throwable thrown) {
    assertThat(thrown).isInstanceOfSatisfying(MembershipException.class,
        e -> assertThat(e.code()).isIn(ErrorCode.PERMISSION_DENIED, ErrorCode.CONCURRENT_MODIFICATION));
  }
}
