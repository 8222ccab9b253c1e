package dev.membership.examples.console.security;

import dev.membership.domain.AccountId;
import java.io.Serializable;

/**
 * Kept in the session between a sign-in with a temporary password and the forced change: who must
 * choose a password. Not a session of its own: nothing else is allowed.
 *
 * @param accountId the account
 * @param email its address, shown on the page
 */
public record PendingPasswordChange(String accountId, String email) implements Serializable {
  public static final String ATTRIBUTE = PendingPasswordChange.class.getName();

  public AccountId id() {
    return AccountId.of(accountId);
  }
}
