package dev.membership.spi;

import dev.membership.domain.Account;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.OrganisationDomain;
import dev.membership.query.MemberAccess;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an account accepting an invitation to an organisation checks, read together by {@link
 * AdmissionReads#acceptanceChecks}: one statement in the jOOQ store.
 *
 * @param account the accepting account, if it exists
 * @param liveMember whether it has an active or deactivated membership of the organisation
 * @param pendingJoinRequest its pending request to join the organisation, if any
 * @param inviter the inviter's access in the organisation, if it still has a live membership
 * @param domain the organisation's domain of the name asked, in any status, if it added it
 * @param domainVerifiedAnywhere whether any organisation holds that name verified
 * @param notified the addresses to tell, by membership id
 */
public record AcceptanceChecks(Optional<Account> account, boolean liveMember, Optional<JoinRequest> pendingJoinRequest,
    Optional<MemberAccess> inviter, Optional<OrganisationDomain> domain, boolean domainVerifiedAnywhere,
    List<EmailAddress> notified) {
  public AcceptanceChecks {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(pendingJoinRequest, "pendingJoinRequest");
    Objects.requireNonNull(inviter, "inviter");
    Objects.requireNonNull(domain, "domain");
    notified = List.copyOf(notified);
  }

  /**
   * The organisation's domain that accepting proves: added by it, not verified, and verified by no
   * other organisation either.
   */
  public Optional<OrganisationDomain> unprovedDomain() {
    return domainVerifiedAnywhere ? Optional.empty() : domain.filter(d -> !d.isVerified());
  }
}
