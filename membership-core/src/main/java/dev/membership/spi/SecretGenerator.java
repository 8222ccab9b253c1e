package dev.membership.spi;

import dev.membership.domain.Password;

/**
 * Makes the secrets the library hands out. The default draws from {@link java.security.SecureRandom};
 * a test may make them predictable.
 */
public interface SecretGenerator {

  /** A URL-safe token with at least 256 bits of entropy, for an invitation or an address-verification link. */
  String invitationToken();

  /** A temporary password with at least 80 bits of entropy, easy to read aloud and type. */
  Password temporaryPassword();
}
