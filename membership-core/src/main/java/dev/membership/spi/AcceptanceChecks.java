package dev.membership.spi;

import dev.membership.domain.Account;
import dev.membership.domain.JoinRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * What an account accepting an invitation to an organisation checks about itself, read together by
 * {@link StoreTransaction#acceptanceChecks}: one statement in the jOOQ store.
 *
 * @param account the accepting account, if it exists
 * @param liveMember whether it has an active or deactivated membership of the organisation
 * @param pendingJoinRequest its pending request to join the organisation, if any
 */
public record AcceptanceChecks(Optional<Account> account, boolean liveMember, Optional<JoinRequest> pendingJoinRequest) {
  public AcceptanceChecks {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(pendingJoinRequest, "pendingJoinRequest");
  }
}
