package dev.membership.spi;

import dev.membership.domain.Invitation;
import java.util.Objects;
import java.util.Optional;

/**
 * What inviting an address checks, read together by {@link AdmissionReads#invitationChecks}: one
 * statement in the jOOQ store.
 *
 * @param invitationsSince the organisation's invitation e-mails written since the instant asked, at
 *     most the limit asked
 * @param addressIsLiveMember whether the address's account has an active or deactivated membership
 *     of the organisation
 * @param pending the address's invitation with status {@code PENDING} (open or past its expiry)
 * @param inviterName the inviting account's display name, empty when it has none or is gone
 */
public record InvitationChecks(int invitationsSince, boolean addressIsLiveMember, Optional<Invitation> pending,
    String inviterName) {
  public InvitationChecks {
    Objects.requireNonNull(pending, "pending");
    Objects.requireNonNull(inviterName, "inviterName");
  }
}
