package dev.membership.domain;

import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.IllegalStateTransitionException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An account's place in one organisation. Every change of status goes through {@link
 * MembershipStatus#TRANSITIONS}, returns the next value or throws {@link
 * IllegalStateTransitionException}; a value is never changed in place.
 *
 * @param id its id
 * @param organisationId the organisation
 * @param accountId the account
 * @param roleId the role it holds; while deactivated, the role it keeps and gets back on reactivation
 *     (stored here only: the suspension does not repeat it)
 * @param grants the entitlements it holds now; empty unless active
 * @param status active, deactivated or removed
 * @param origin how it came to be
 * @param suspension while deactivated, the grants reactivation restores and since when
 * @param joinedAt when it was created
 * @param updatedAt when it last changed
 * @param version optimistic version
 */
public record Membership(
    MembershipId id,
    OrganisationId organisationId,
    AccountId accountId,
    RoleId roleId,
    Set<EntitlementKey> grants,
    MembershipStatus status,
    MembershipOrigin origin,
    Optional<Suspension> suspension,
    Instant joinedAt,
    Instant updatedAt,
    long version) {

  public Membership {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(roleId, "roleId");
    grants = Set.copyOf(grants);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(suspension, "suspension");
    Objects.requireNonNull(joinedAt, "joinedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if ((status == MembershipStatus.DEACTIVATED) != suspension.isPresent()) {
      throw new IllegalArgumentException("a deactivated membership, and only one, carries its suspension");
    }
    if (status != MembershipStatus.ACTIVE && !grants.isEmpty()) {
      throw new IllegalArgumentException("only an active membership holds grants");
    }
  }

  /** A new active membership. */
  public static Membership start(
      OrganisationId organisation, AccountId account, RoleId role, Set<EntitlementKey> grants, MembershipOrigin origin, Instant now) {
    return new Membership(MembershipId.random(), organisation, account, role, grants, MembershipStatus.ACTIVE,
        origin, Optional.empty(), now, now, 0);
  }

  public boolean isActive() {
    return status == MembershipStatus.ACTIVE;
  }

  /** Keeps the membership and its role, takes all access away, and remembers the grants. */
  public Membership deactivate(Instant now) {
    MembershipStatus.TRANSITIONS.require(status, MembershipStatus.DEACTIVATED);
    return new Membership(id, organisationId, accountId, roleId, Set.of(), MembershipStatus.DEACTIVATED, origin,
        Optional.of(new Suspension(grants, now)), joinedAt, now, version);
  }

  /** Restores exactly the role and grants the member had when deactivated. */
  public Membership reactivate(Instant now) {
    MembershipStatus.TRANSITIONS.require(status, MembershipStatus.ACTIVE);
    Suspension held = suspension.orElseThrow();
    return new Membership(id, organisationId, accountId, roleId, held.grants(), MembershipStatus.ACTIVE,
        origin, Optional.empty(), joinedAt, now, version);
  }

  /** Ends the membership; the row stays as history. */
  public Membership remove(Instant now) {
    MembershipStatus.TRANSITIONS.require(status, MembershipStatus.REMOVED);
    return new Membership(id, organisationId, accountId, roleId, Set.of(), MembershipStatus.REMOVED, origin,
        Optional.empty(), joinedAt, now, version);
  }

  /** A new role for an active member (not a change of status: only an active member has one to change). */
  public Membership withRole(RoleId newRole, Instant now) {
    requireActive();
    return new Membership(id, organisationId, accountId, newRole, grants, status, origin, suspension, joinedAt, now, version);
  }

  /** New grants for an active member (not a change of status). */
  public Membership withGrants(Set<EntitlementKey> newGrants, Instant now) {
    requireActive();
    return new Membership(id, organisationId, accountId, roleId, newGrants, status, origin, suspension, joinedAt, now, version);
  }

  /** Replaces a role that is being deleted, whether the membership is active or deactivated. */
  public Membership reassignRole(RoleId from, RoleId to, Instant now) {
    RoleId role = roleId.equals(from) ? to : roleId;
    return new Membership(id, organisationId, accountId, role, grants, status, origin, suspension, joinedAt, now, version);
  }

  private void requireActive() {
    if (status != MembershipStatus.ACTIVE) {
      throw new ConflictException(ErrorCode.MEMBER_NOT_ACTIVE, "The member is not active; reactivate them first.");
    }
  }
}
