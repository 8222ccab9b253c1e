package dev.membership.internal;

import dev.membership.domain.AccountId;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.NotFoundException;
import java.util.Collection;

/** Domain rules several use cases share: members by id, seats, and the last owner. */
public final class Rules {
  private Rules() {}

  /** A membership of this organisation; another organisation's is reported as not found. */
  public static Membership membership(UnitOfWork uow, OrganisationId organisation, MembershipId id) {
    return uow.tx.findMembership(organisation, id)
        .orElseThrow(() -> new NotFoundException(ErrorCode.MEMBER_NOT_FOUND, "There is no such member in this organisation."));
  }

  /**
   * Checks that every entitlement exists, gives access now, and has a seat free for one more holder.
   * Seat-limited grants lock the organisation row first, so two grants cannot both take the last seat.
   */
  public static void requireSeats(UnitOfWork uow, OrganisationId organisation, Collection<EntitlementKey> keys) {
    boolean locked = false;
    for (EntitlementKey key : keys) {
      Entitlement entitlement = uow.tx.findEntitlement(organisation, key)
          .orElseThrow(() -> new NotFoundException(ErrorCode.ENTITLEMENT_NOT_FOUND,
              "The organisation does not hold the entitlement " + key + "."));
      if (!entitlement.isValidAt(uow.now)) {
        throw new ConflictException(ErrorCode.SEAT_LIMIT_REACHED, "The entitlement " + key + " has ended.");
      }
      if (entitlement.seatLimit().isPresent()) {
        if (!locked) {
          uow.tx.lockOrganisation(organisation);
          locked = true;
        }
        long used = uow.tx.countSeatsInUse(organisation, key, uow.now);
        if (used + 1 > entitlement.seatLimit().get()) {
          throw new ConflictException(ErrorCode.SEAT_LIMIT_REACHED,
              "All " + entitlement.seatLimit().get() + " seats of " + entitlement.name() + " are taken.");
        }
      }
    }
  }

  /**
   * Before a change that takes an owner away (demote, deactivate, remove, leave): locks the
   * organisation row, then reads the actor and the target again, so that two owners acting at once are
   * serialised and the second sees the first's result. Returns the target as it is now.
   */
  public static Membership lockForOwnerChange(UnitOfWork uow, OrganisationId organisation, AccountId actor,
      Permission permission, Membership target) {
    uow.tx.lockOrganisation(organisation);
    Membership fresh = membership(uow, organisation, target.id());
    if (permission != null) {
      // The actor may have been demoted by the transaction we waited for: check its power again.
      Guard.mayManage(uow.require(actor, organisation, permission).role(), uow.role(organisation, fresh.roleId()));
    }
    if (fresh.isActive() && fresh.roleId().equals(Role.OWNER.id())
        && uow.tx.countActiveMembersWithRole(organisation, Role.OWNER.id()) <= 1) {
      throw new ConflictException(ErrorCode.LAST_OWNER,
          "The organisation must keep at least one active owner: make someone else an owner first.");
    }
    return fresh;
  }

  /** Whether {@code target} is an active owner, i.e. taking it away needs {@link #lockForOwnerChange}. */
  public static boolean isActiveOwner(Membership target) {
    return target.isActive() && target.roleId().equals(Role.OWNER.id());
  }

}
