package dev.membership.spi;

import dev.membership.domain.Password;

/**
 * Tells whether a password is known to attackers (a breach corpus, a blocklist of common choices).
 * NIST SP 800-63B requires such a check; a host may plug in a k-anonymity breach service here.
 */
@FunctionalInterface
public interface BreachedPasswordCheck {

  /** Whether the password must be refused. */
  boolean isCompromised(Password password);

  /** Refuses nothing. */
  static BreachedPasswordCheck none() {
    return password -> false;
  }
}
