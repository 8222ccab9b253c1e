package dev.membership.internal;

import dev.membership.MembershipPolicy;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Password;
import dev.membership.error.InvalidInputException;
import dev.membership.spi.BreachedPasswordCheck;
import java.util.Locale;

/**
 * NIST SP 800-63B-4 password rules: a minimum length, a generous maximum checked before hashing (so
 * a megabyte never reaches Argon2), no composition rules, no truncation, and a breached/blocklist
 * check, including the account's own address.
 */
public final class PasswordPolicy {
  private final MembershipPolicy policy;
  private final BreachedPasswordCheck breached;

  public PasswordPolicy(MembershipPolicy policy, BreachedPasswordCheck breached) {
    this.policy = policy;
    this.breached = breached;
  }

  /** Throws {@link InvalidInputException} on field {@code field} if the password may not be used. */
  public void check(String field, Password password, EmailAddress owner) {
    if (password == null) {
      throw InvalidInputException.of(field, "required", "is required");
    }
    // String length bounds the code point count from above: refuse absurd input before counting it.
    if (password.reveal().length() > policy.maxPasswordLength() * 2 || password.length() > policy.maxPasswordLength()) {
      throw InvalidInputException.of(field, "too_long", "must be at most " + policy.maxPasswordLength() + " characters");
    }
    if (password.length() < policy.minPasswordLength()) {
      throw InvalidInputException.of(field, "too_short", "must be at least " + policy.minPasswordLength() + " characters");
    }
    String lower = password.reveal().toLowerCase(Locale.ROOT);
    if (lower.equals(owner.value()) || lower.equals(owner.value().substring(0, owner.value().indexOf('@')))) {
      throw InvalidInputException.of(field, "context_specific", "must not be your e-mail address");
    }
    if (password.reveal().codePoints().distinct().count() == 1 || breached.isCompromised(password)) {
      throw InvalidInputException.of(field, "compromised", "is too common or appeared in a data breach; choose another");
    }
  }
}
