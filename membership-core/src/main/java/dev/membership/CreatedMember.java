package dev.membership;

import dev.membership.domain.Account;
import dev.membership.domain.Membership;
import dev.membership.domain.Password;
import java.util.Objects;

/**
 * The result of "create user directly". The temporary password is here once: the library keeps only
 * its hash, so show it to the admin now or never.
 *
 * @param account the new account, which must change its password at first sign-in
 * @param membership its membership, of origin {@code CREATED_BY_ADMIN}
 * @param temporaryPassword the one-time password (redacted when printed)
 */
public record CreatedMember(Account account, Membership membership, Password temporaryPassword) {
  public CreatedMember {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(temporaryPassword, "temporaryPassword");
  }
}
