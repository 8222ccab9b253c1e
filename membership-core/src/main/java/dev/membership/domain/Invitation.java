package dev.membership.domain;

import dev.membership.error.ErrorCode;
import dev.membership.error.IllegalStateTransitionException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An invitation to join an organisation, sent by e-mail as a link that carries a secret token. Only
 * the token's SHA-256 is kept. Every change of status goes through {@link
 * InvitationStatus#TRANSITIONS}; expiry is read from the clock ({@link #statusAt}), never stored.
 *
 * @param id its id
 * @param organisationId the organisation
 * @param email the invited address; only the account with this address may accept
 * @param roleId the role the member will get
 * @param grants the entitlements the member will get
 * @param status where it stands
 * @param tokenHash the hash of the current link's token; resend replaces it
 * @param expiresAt when the current link stops working
 * @param invitedBy who sent it
 * @param joinRequestId the join request this invitation answers, if any
 * @param sendCount how many times it was sent (1 + resends)
 * @param createdAt when it was first sent
 * @param updatedAt when it last changed
 * @param acceptedBy the account that accepted it
 * @param version optimistic version
 */
public record Invitation(
    InvitationId id,
    OrganisationId organisationId,
    EmailAddress email,
    RoleId roleId,
    Set<EntitlementKey> grants,
    InvitationStatus status,
    TokenHash tokenHash,
    Instant expiresAt,
    AccountId invitedBy,
    Optional<JoinRequestId> joinRequestId,
    int sendCount,
    Instant createdAt,
    Instant updatedAt,
    Optional<AccountId> acceptedBy,
    long version) {

  public Invitation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(roleId, "roleId");
    grants = Set.copyOf(grants);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(invitedBy, "invitedBy");
    Objects.requireNonNull(joinRequestId, "joinRequestId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(acceptedBy, "acceptedBy");
  }

  /** A new pending invitation. */
  public static Invitation issue(
      OrganisationId organisation, EmailAddress email, RoleId role, Set<EntitlementKey> grants, TokenHash tokenHash,
      Instant expiresAt, AccountId invitedBy, Optional<JoinRequestId> joinRequest, Instant now) {
    return new Invitation(InvitationId.random(), organisation, email, role, grants, InvitationStatus.PENDING, tokenHash,
        expiresAt, invitedBy, joinRequest, 1, now, now, Optional.empty(), 0);
  }

  /** Whether the link still works at {@code now}: pending and not past its expiry. */
  public boolean isOpenAt(Instant now) {
    return status == InvitationStatus.PENDING && now.isBefore(expiresAt);
  }

  /** The status a person should see at {@code now}: a pending invitation past its expiry is expired. */
  public InvitationStatus statusAt(Instant now) {
    return status == InvitationStatus.PENDING && !now.isBefore(expiresAt) ? InvitationStatus.EXPIRED : status;
  }

  /** Accepted by {@code by}: only while open (pending and not past its expiry). */
  public Invitation accept(AccountId by, Instant now) {
    InvitationStatus.TRANSITIONS.require(status, InvitationStatus.ACCEPTED);
    if (!isOpenAt(now)) {
      throw new IllegalStateTransitionException(ErrorCode.INVITATION_EXPIRED, "Invitation", InvitationStatus.EXPIRED,
          InvitationStatus.ACCEPTED);
    }
    return new Invitation(id, organisationId, email, roleId, grants, InvitationStatus.ACCEPTED, tokenHash, expiresAt,
        invitedBy, joinRequestId, sendCount, createdAt, now, Optional.of(by), version);
  }

  /** Cancelled (withdrawn), expired or not; its link stops working. */
  public Invitation cancel(Instant now) {
    InvitationStatus.TRANSITIONS.require(status, InvitationStatus.CANCELLED);
    return new Invitation(id, organisationId, email, roleId, grants, InvitationStatus.CANCELLED, tokenHash, expiresAt,
        invitedBy, joinRequestId, sendCount, createdAt, now, acceptedBy, version);
  }

  /**
   * Closed because a new invitation to the same address replaces it, which only an expired one may
   * be: stored as {@code CANCELLED} (expiry itself is never stored, see {@link InvitationStatus}).
   */
  public Invitation replace(Instant now) {
    if (isOpenAt(now)) {
      throw new IllegalStateTransitionException("Invitation", InvitationStatus.PENDING, InvitationStatus.CANCELLED);
    }
    return cancel(now);
  }

  /**
   * A new link: new token, new expiry; the old link stops working. Works on a pending invitation
   * whether it expired or not. The member who resends it becomes its inviter: acceptance checks that
   * they can still give its role.
   */
  public Invitation resend(TokenHash newToken, Instant newExpiry, AccountId by, Instant now) {
    InvitationStatus.TRANSITIONS.require(status, InvitationStatus.PENDING);
    return new Invitation(id, organisationId, email, roleId, grants, InvitationStatus.PENDING, newToken, newExpiry,
        by, joinRequestId, sendCount + 1, createdAt, now, acceptedBy, version);
  }

  /** Replaces a role that is being deleted. */
  public Invitation withRole(RoleId role, Instant now) {
    return new Invitation(id, organisationId, email, role, grants, status, tokenHash, expiresAt,
        invitedBy, joinRequestId, sendCount, createdAt, now, acceptedBy, version);
  }
}
