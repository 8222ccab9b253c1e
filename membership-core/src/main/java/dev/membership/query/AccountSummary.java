package dev.membership.query;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import java.util.Objects;

/**
 * What a list shows of an account.
 *
 * @param id the account
 * @param email its address
 * @param displayName its name
 * @param neverSignedIn whether it has never signed in
 * @param choseOwnPassword whether the person has a password of their own (not a temporary one an
 *     admin set): an admin may then neither change nor resend it ({@code PASSWORD_CHOSEN_BY_PERSON})
 */
public record AccountSummary(
    AccountId id, EmailAddress email, String displayName, boolean neverSignedIn, boolean choseOwnPassword) {
  public AccountSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
  }

  public static AccountSummary of(Account account) {
    return new AccountSummary(account.id(), account.email(), account.displayName(), account.neverSignedIn(),
        account.credentialState() == CredentialState.PERSONAL);
  }
}
