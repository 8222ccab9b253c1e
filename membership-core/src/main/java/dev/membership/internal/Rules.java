package dev.membership.internal;

import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.SignUp;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.Suspension;
import dev.membership.query.MemberAccess;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.NotFoundException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Domain rules several use cases share: members by id, seats, the last owner, and proved addresses. */
public final class Rules {
  /** More sign-ups than one address can have awaiting verification within a link's longest life. */
  private static final int MAX_SIGN_UPS_PER_ADDRESS = 1_000;

  private Rules() {}

  /**
   * The address was proved (a sign-up's link, or an invitation accepted as a new account) and has its
   * account now: every other sign-up of it still awaiting verification ends, its link dead and what
   * was chosen with it erased.
   */
  public static void endSignUps(UnitOfWork uow, EmailAddress email) {
    for (SignUp signUp : uow.tx.signUps().ofAddress(email, uow.now.minus(ProbeBounds.SIGN_UP_RETENTION),
        MAX_SIGN_UPS_PER_ADDRESS)) {
      if (signUp.isAwaitingVerification()) {
        uow.tx.signUps().update(signUp.end(uow.now));
      }
    }
  }

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
    checkSeats(uow, organisation, keys, true);
  }

  /**
   * Reactivation restores grants exactly: an entitlement that has ended since gives no access anyway
   * and needs no seat, so only the live, seat-limited ones are checked.
   */
  public static void requireSeatsToRestore(UnitOfWork uow, OrganisationId organisation, Collection<EntitlementKey> keys) {
    checkSeats(uow, organisation, keys, false);
  }

  private static void checkSeats(UnitOfWork uow, OrganisationId organisation, Collection<EntitlementKey> keys,
      boolean granting) {
    if (keys.isEmpty()) {
      return;
    }
    // Always lock before reading entitlements: a concurrent seat-limit change or grant then waits for us.
    uow.tx.lockOrganisation(organisation);
    for (EntitlementKey key : keys) {
      java.util.Optional<Entitlement> found = uow.tx.findEntitlement(organisation, key);
      if (found.isEmpty() && !granting) {
        continue;
      }
      Entitlement entitlement = found.orElseThrow(() -> new NotFoundException(ErrorCode.ENTITLEMENT_NOT_FOUND,
          "The organisation does not hold the entitlement " + key + "."));
      if (!entitlement.isValidAt(uow.now)) {
        if (!granting) {
          continue;
        }
        throw new ConflictException(ErrorCode.ENTITLEMENT_ENDED, "The entitlement " + key + " has ended.");
      }
      if (entitlement.seatLimit().isPresent()) {
        long used = uow.tx.countSeatsInUse(organisation, key, uow.now);
        if (used + 1 > entitlement.seatLimit().get()) {
          throw new ConflictException(ErrorCode.SEAT_LIMIT_REACHED,
              "All " + entitlement.seatLimit().get() + " seats of " + entitlement.name() + " are taken.");
        }
      }
    }
  }

  /** The acting member and the target as they are once the organisation row is locked. */
  public record Locked(MemberAccess actor, Membership target) {}

  /**
   * Before a change that gives or takes ownership (promote to or demote from owner, deactivate,
   * reactivate, remove or leave as an owner): locks the organisation row, then reads the actor and the
   * target again and re-checks that the actor may manage the target. Two such changes at once are so
   * serialised, and the second sees the first's result (e.g. that its own actor is no longer an
   * owner). {@code permission} is empty when the actor acts on itself (leaving).
   */
  public static Locked lockOwnership(UnitOfWork uow, OrganisationId organisation, AccountId actor,
      Optional<Permission> permission, Membership target) {
    uow.tx.lockOrganisation(organisation);
    Membership fresh = membership(uow, organisation, target.id());
    MemberAccess access = null;
    if (permission.isPresent()) {
      // The actor may have been demoted by the transaction we waited for: check its power again.
      access = uow.require(actor, organisation, permission.get());
      RoleId held = fresh.suspension().map(Suspension::roleId).orElse(fresh.roleId());
      Guard.mayManage(access.role(), uow.role(organisation, held));
    }
    return new Locked(access, fresh);
  }

  /**
   * Refuses to take away the organisation's last owner who can act; call with the row locked.
   *
   * <p>Another owner counts only if its membership is active and its account has a password of its
   * own ({@link CredentialState#PERSONAL}): an owner an admin created directly who has not yet chosen
   * one may never sign in, and once the temporary password expires nobody could manage the
   * organisation.
   */
  public static void requireAnotherOwner(UnitOfWork uow, OrganisationId organisation, Membership target) {
    if (!isActiveOwner(target)) {
      return;
    }
    long owners = uow.tx.countActiveMembersWithRole(organisation, Role.OWNER.id());
    if (owners > 1) {
      // The row is locked, so the set of owners is stable: read them all (owners are few).
      List<AccountId> others = uow.tx
          .activeMembersWithRoles(organisation, Set.of(Role.OWNER.id()), (int) Math.min(owners, Integer.MAX_VALUE))
          .stream()
          .filter(m -> !m.id().equals(target.id()))
          .map(Membership::accountId)
          .toList();
      if (!others.isEmpty() && uow.tx.findAccounts(others).stream()
          .anyMatch(a -> a.credentialState() == CredentialState.PERSONAL)) {
        return;
      }
    }
    throw new ConflictException(ErrorCode.LAST_OWNER,
        "The organisation must keep at least one active owner who has signed in with a password of their own: "
            + "make someone else an owner first.");
  }

  /** Whether the membership holds, or on reactivation gets back, the owner role. */
  public static boolean holdsOwnerRole(Membership membership) {
    return membership.roleId().equals(Role.OWNER.id())
        || membership.suspension().map(s -> s.roleId().equals(Role.OWNER.id())).orElse(false);
  }

  /** Grants as an audit detail: sorted keys, comma-separated. */
  public static String describe(Collection<EntitlementKey> grants) {
    return grants.stream().map(EntitlementKey::value).sorted().collect(java.util.stream.Collectors.joining(","));
  }

  /** Whether {@code target} is an active owner, i.e. taking it away needs {@link #lockOwnership}. */
  public static boolean isActiveOwner(Membership target) {
    return target.isActive() && target.roleId().equals(Role.OWNER.id());
  }

}
