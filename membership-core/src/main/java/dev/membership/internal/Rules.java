package dev.membership.internal;

import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.SignUp;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.NotFoundException;
import dev.membership.query.MemberAccess;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    return uow.tx.memberships().find(organisation, id)
        .orElseThrow(NotFound::member);
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
    uow.tx.organisations().lock(organisation);
    for (EntitlementKey key : keys) {
      Optional<Entitlement> found = uow.tx.entitlements().find(organisation, key);
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
        long used = uow.tx.entitlements().countSeatsInUse(organisation, key, uow.now);
        if (used + 1 > entitlement.seatLimit().get()) {
          throw new ConflictException(ErrorCode.SEAT_LIMIT_REACHED,
              "All " + entitlement.seatLimit().get() + " seats of " + entitlement.name() + " are taken.");
        }
      }
    }
  }

  /**
   * Refuses to take away the organisation's last owner who can act; call with the row locked (as
   * {@link OwnerLock#before} does).
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
    long owners = uow.tx.memberships().countActiveWithRole(organisation, Role.OWNER.id());
    if (owners > 1) {
      // The row is locked, so the set of owners is stable: read them all (owners are few).
      List<AccountId> others = uow.tx
          .memberships().activeWithRoles(organisation, Set.of(Role.OWNER.id()), (int) Math.min(owners, Integer.MAX_VALUE))
          .stream()
          .filter(m -> !m.id().equals(target.id()))
          .map(Membership::accountId)
          .toList();
      if (!others.isEmpty() && uow.tx.accounts().findAll(others).stream()
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
    return membership.roleId().equals(Role.OWNER.id());
  }

  /** Grants as an audit detail: sorted keys, comma-separated. */
  public static String describe(Collection<EntitlementKey> grants) {
    return grants.stream().map(EntitlementKey::value).sorted().collect(Collectors.joining(","));
  }

  /** Whether {@code target} is an active owner, whom a change may take away only under {@link OwnerLock}. */
  public static boolean isActiveOwner(Membership target) {
    return target.isActive() && target.roleId().equals(Role.OWNER.id());
  }

}
