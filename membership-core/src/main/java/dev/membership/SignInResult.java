package dev.membership;

import dev.membership.domain.Account;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a sign-in. An unknown address and a wrong password give the same {@link Failed}
 * after the same work, so neither the answer nor its timing tells whether an account exists.
 */
public sealed interface SignInResult {

  /** The password was right and is the person's own. */
  record SignedIn(Account account) implements SignInResult {
    public SignedIn {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * The temporary password an admin set was right. The account may do nothing but choose its own
   * password ({@link Accounts#changePassword}).
   */
  record PasswordChangeRequired(Account account) implements SignInResult {
    public PasswordChangeRequired {
      Objects.requireNonNull(account, "account");
    }
  }

  /** The temporary password was right but expired: ask an admin to resend credentials. */
  record TemporaryPasswordExpired() implements SignInResult {}

  /** The address or the password was wrong; which one is not said. */
  record Failed() implements SignInResult {}

  /**
   * Too many failures lately for this address (whether or not it has an account), for this source, or
   * for this address from this source: try again after {@code retryAfter}. The attempt was not
   * counted and no password was checked.
   */
  record Throttled(Duration retryAfter) implements SignInResult {
    public Throttled {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
