package dev.membership.query;

import dev.membership.domain.CredentialState;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an application access check needs, read in one indexed statement: the live membership's
 * status, its organisation's, the account's credential state, whether the member holds the
 * entitlement, and whether (and until when) the organisation holds it.
 *
 * @param membership the live membership's status (active or deactivated)
 * @param organisation the organisation's status
 * @param credentialState the account's
 * @param granted whether the member, active, holds the entitlement
 * @param entitlementHeld whether the organisation holds the entitlement at all
 * @param entitlementEnds when the organisation's entitlement ends; empty for no end (or not held)
 */
public record ApplicationAccess(MembershipStatus membership, OrganisationStatus organisation,
    CredentialState credentialState, boolean granted, boolean entitlementHeld, Optional<Instant> entitlementEnds) {
  public ApplicationAccess {
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(credentialState, "credentialState");
    Objects.requireNonNull(entitlementEnds, "entitlementEnds");
  }

  /** Whether the member may act at all: active, in an organisation in use, with a password of its own. */
  public boolean isEffective() {
    return membership == MembershipStatus.ACTIVE && organisation == OrganisationStatus.ACTIVE
        && credentialState == CredentialState.PERSONAL;
  }
}
