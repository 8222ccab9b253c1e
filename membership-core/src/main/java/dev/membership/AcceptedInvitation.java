package dev.membership;

import dev.membership.domain.Account;
import dev.membership.domain.Membership;
import java.util.Objects;

/**
 * A new person accepted an invitation: their account (with the password they chose) and membership.
 *
 * @param account the new account
 * @param membership the new active membership
 */
public record AcceptedInvitation(Account account, Membership membership) {
  public AcceptedInvitation {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(membership, "membership");
  }
}
