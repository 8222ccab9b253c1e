package dev.membership.testkit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which commands take the organisation row lock before they check the last owner again: every
 * change to a member who holds the owner role (active or deactivated) or is given it, and moving a
 * deleted role's holders to the owner role; no other role change. Seen from the store: whether the
 * command's transaction calls {@code organisations().lock}.
 */
class OwnerLockTest {
  private InterleavingStore store;
  private Memberships membership;
  private OrganisationFixture acme;
  private AccountId owner;
  private AccountId secondOwner;
  private AccountId member;
  private Role viewer;

  @BeforeEach
  void acmeWithTwoOwnersAndAMember() {
    store = new InterleavingStore(new InMemoryMembershipStore());
    TestMembership kit = TestMembership.on(store);
    membership = kit.membership();
    acme = kit.organisation("Acme").withAdmins(1).withMembers(1).create();
    owner = acme.owner();
    secondOwner = acme.admins().get(0);
    member = acme.members().get(0);
    membership.members().changeRole(owner, acme.id(), acme.membership(secondOwner), Role.OWNER.id());
    viewer = membership.roles().create(owner, acme.id(), RoleDefinition.of("Viewer", Permission.VIEW_MEMBERS));
  }

  @Test
  void a_role_change_between_roles_that_are_not_owner_takes_no_lock() {
    assertThat(locks(() -> membership.members().changeRole(owner, acme.id(), acme.membership(member), viewer.id())))
        .isFalse();
  }

  @Test
  void making_a_member_an_owner_and_demoting_an_owner_each_lock_the_organisation() {
    assertThat(locks(() -> membership.members().changeRole(owner, acme.id(), acme.membership(member), Role.OWNER.id())))
        .isTrue();
    assertThat(locks(() -> membership.members().changeRole(owner, acme.id(), acme.membership(member), Role.ADMIN.id())))
        .isTrue();
  }

  @Test
  void deactivating_a_member_takes_no_lock_and_deactivating_an_owner_does() {
    assertThat(locks(() -> membership.members().deactivate(owner, acme.id(), acme.membership(member)))).isFalse();
    assertThat(locks(() -> membership.members().deactivate(owner, acme.id(), acme.membership(secondOwner)))).isTrue();
  }

  @Test
  void reactivating_and_removing_a_deactivated_owner_lock_the_organisation_as_its_role_says_owner() {
    membership.members().deactivate(owner, acme.id(), acme.membership(secondOwner));
    assertThat(membership.members().find(owner, acme.id(), secondOwner).orElseThrow().roleId())
        .as("a deactivated owner holds its role once, in roleId")
        .isEqualTo(Role.OWNER.id());

    assertThat(locks(() -> membership.members().reactivate(owner, acme.id(), acme.membership(secondOwner)))).isTrue();
    membership.members().deactivate(owner, acme.id(), acme.membership(secondOwner));
    assertThat(locks(() -> membership.members().remove(owner, acme.id(), acme.membership(secondOwner)))).isTrue();
  }

  @Test
  void an_owner_leaving_locks_the_organisation_and_a_member_leaving_does_not() {
    assertThat(locks(() -> membership.members().leave(member, acme.id()))).isFalse();
    assertThat(locks(() -> membership.members().leave(secondOwner, acme.id()))).isTrue();
  }

  @Test
  void deleting_a_role_locks_the_organisation_only_when_its_holders_move_to_owner() {
    membership.members().changeRole(owner, acme.id(), acme.membership(member), viewer.id());
    Role other = membership.roles().create(owner, acme.id(), RoleDefinition.of("Other", Permission.VIEW_MEMBERS));

    assertThat(locks(() -> membership.roles().delete(owner, acme.id(), other.id(), Role.MEMBER.id()))).isFalse();
    assertThat(locks(() -> membership.roles().delete(owner, acme.id(), viewer.id(), Role.OWNER.id()))).isTrue();
    assertThat(membership.members().find(owner, acme.id(), member).orElseThrow().roleId()).isEqualTo(Role.OWNER.id());
  }

  /** Whether the command's transaction locked the organisation row. */
  private boolean locks(Runnable command) {
    AtomicBoolean locked = new AtomicBoolean();
    store.beforeFirst(Set.of("organisations().lock"), () -> locked.set(true));
    try {
      command.run();
    } finally {
      store.beforeFirst(Set.of(), () -> { });
    }
    return locked.get();
  }
}
