package dev.membership;

import dev.membership.domain.Account;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a sign-in. An unknown address and a wrong password give the same {@link Failed}
 * after the same work, so neither the answer nor its timing tells whether an account exists.
 *
 * <p>An address that was signed up with but not yet proved has no account, and answers {@link Failed}
 * exactly as an unknown address does, even with the password chosen at sign-up. A distinct answer
 * ("confirm your address first") would leak: whoever signs up with an address knows the password they
 * chose, so that answer for their own password would tell them the address had no account, while for a
 * taken address the same password answers {@link Failed}. The person finishes with the link e-mailed
 * at sign-up ({@link Accounts#verifyEmail}), which asks for that password and may sign them in at once.
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

  /**
   * The address or the password was wrong, or the address has no account (also while a sign-up of it
   * awaits verification); which one is not said.
   */
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
