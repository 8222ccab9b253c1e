package dev.membership.internal;

import dev.membership.domain.AccountId;
import dev.membership.domain.Membership;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.query.MemberAccess;
import java.util.Optional;

/**
 * The owner-lock steps, written once: "if the change can give or take the owner role, lock the
 * organisation, check again".
 *
 * <p>A change that can give or take ownership (promote to or demote from owner, deactivate,
 * reactivate, remove or leave as an owner, move a deleted role's holders to the owner role) first
 * locks the organisation row, then reads the actor and the target again and checks them again. Two
 * such changes at once are so serialised, and the second sees the first's result (e.g. that its own
 * actor is no longer an owner). A change that takes the owner role away then refuses to leave the
 * organisation without another owner who can act ({@link Rules#requireAnotherOwner}). Changes that
 * cannot touch ownership take no lock.
 */
public final class OwnerLock {
  private OwnerLock() {}

  /**
   * What a change does to its target's role.
   *
   * @param newRole the role the change gives the target, if it gives one
   * @param takesOwnerRoleAway whether an owner target stops being an active owner
   */
  public record Change(Optional<Role> newRole, boolean takesOwnerRoleAway) {
    /** Deactivating, removing, leaving: whatever the target holds, it no longer acts with it. */
    public static Change ends() {
      return new Change(Optional.empty(), true);
    }

    /** Reactivating: the target gets back the role it kept. */
    public static Change restores() {
      return new Change(Optional.empty(), false);
    }

    /** Changing the target's role to {@code role}. */
    public static Change gives(Role role) {
      return new Change(Optional.of(role), !role.isOwner());
    }

    boolean givesOwnerRole() {
      return newRole.map(Role::isOwner).orElse(false);
    }
  }

  /**
   * The target as the change must see it. If the target holds the owner role (active or deactivated),
   * or the change gives it, this locks the organisation row and returns the target read again, after
   * checking again that the actor (unless {@code permission} is empty: the actor acts on itself) still
   * has {@code permission}, may manage the target, and may give the new role; and, if the change
   * takes the owner role away, that another owner remains. Otherwise it returns {@code target} as it
   * is, having done nothing.
   */
  public static Membership before(UnitOfWork uow, OrganisationId organisation, AccountId actor,
      Optional<Permission> permission, Membership target, Change change) {
    if (!Rules.holdsOwnerRole(target) && !change.givesOwnerRole()) {
      return target;
    }
    Optional<MemberAccess> access = lock(uow, organisation, actor, permission);
    Membership fresh = Rules.membership(uow, organisation, target.id());
    if (access.isPresent()) {
      Guard.mayManage(access.get().role(), uow.role(organisation, fresh.roleId()));
      change.newRole().ifPresent(role -> Guard.mayGrant(access.get().role(), role));
    }
    if (change.takesOwnerRoleAway()) {
      Rules.requireAnotherOwner(uow, organisation, fresh);
    }
    return fresh;
  }

  /**
   * Before giving {@code role} to many at once (a deleted role's holders moved to it): if it is the
   * owner role, locks the organisation row and checks again that the actor has {@code permission} and
   * may give it.
   */
  public static void beforeGiving(UnitOfWork uow, OrganisationId organisation, AccountId actor, Permission permission,
      Role role) {
    if (!role.isOwner()) {
      return;
    }
    Guard.mayGrant(lock(uow, organisation, actor, Optional.of(permission)).orElseThrow().role(), role);
  }

  /**
   * Locks the organisation row, then reads the actor's access again, which must still allow {@code
   * permission}: the actor may have been demoted by the transaction the lock waited for.
   */
  private static Optional<MemberAccess> lock(UnitOfWork uow, OrganisationId organisation, AccountId actor,
      Optional<Permission> permission) {
    uow.tx.organisations().lock(organisation);
    return permission.map(p -> uow.require(actor, organisation, p));
  }
}
