package dev.membership;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.OrganisationId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the invitation page shows before the person accepts. Looking never consumes the invitation.
 *
 * @param organisationId the organisation
 * @param organisationName its name
 * @param email the invited address
 * @param roleName the role offered
 * @param inviterName who invited
 * @param status the status now ({@code EXPIRED} once past its expiry)
 * @param expiresAt when the link stops working
 * @param accountExists whether the person must sign in to accept (they registered an account) or sets a
 *     password (no account yet, or one an admin created that the link lets them claim)
 * @param accessNames the names of the application access offered, by name
 */
public record InvitationPreview(
    OrganisationId organisationId,
    String organisationName,
    EmailAddress email,
    String roleName,
    String inviterName,
    InvitationStatus status,
    Instant expiresAt,
    boolean accountExists,
    List<String> accessNames) {

  public InvitationPreview {
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(organisationName, "organisationName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(roleName, "roleName");
    Objects.requireNonNull(inviterName, "inviterName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(expiresAt, "expiresAt");
    accessNames = List.copyOf(accessNames);
  }

  /** Whether the invitation can still be accepted. */
  public boolean canBeAccepted() {
    return status == InvitationStatus.PENDING;
  }
}
