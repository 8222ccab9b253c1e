package dev.membership.examples.console.security;

import dev.membership.domain.Account;
import org.springframework.security.core.AuthenticationException;

/** The temporary password was right: no session yet, the person must first choose a password. */
public final class PasswordChangeRequiredException extends AuthenticationException {
  private final transient Account account;

  public PasswordChangeRequiredException(Account account) {
    super("A new password is required");
    this.account = account;
  }

  public Account account() {
    return account;
  }
}
