package dev.membership.query;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import java.util.Objects;

/**
 * What a list shows of an account.
 *
 * @param id the account
 * @param email its address
 * @param displayName its name
 * @param neverSignedIn whether it has never signed in
 */
public record AccountSummary(AccountId id, EmailAddress email, String displayName, boolean neverSignedIn) {
  public AccountSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
  }

  public static AccountSummary of(Account account) {
    return new AccountSummary(account.id(), account.email(), account.displayName(), account.neverSignedIn());
  }
}
