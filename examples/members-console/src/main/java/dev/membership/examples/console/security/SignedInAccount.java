package dev.membership.examples.console.security;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import java.io.Serializable;

/**
 * The principal of a signed-in session: who the library says signed in. Kept small and serializable
 * because it lives in the HTTP session.
 *
 * @param accountId the library's account id
 * @param email the address
 * @param displayName the name
 */
public record SignedInAccount(String accountId, String email, String displayName) implements Serializable {

  public static SignedInAccount of(Account account) {
    return new SignedInAccount(account.id().toString(), account.email().value(), account.displayName());
  }

  public AccountId id() {
    return AccountId.of(accountId);
  }
}
