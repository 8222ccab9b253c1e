package dev.membership.spi;

import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;

/**
 * Hashes and verifies passwords. The default is {@code dev.membership.crypto.Argon2idPasswordHasher};
 * the testkit has a fast one for tests. Implementations must be thread-safe and never log a password.
 */
public interface PasswordHasher {

  PasswordHash hash(Password password);

  /** Whether {@code password} matches {@code hash}; takes about as long for a match as for a miss. */
  boolean verify(PasswordHash hash, Password password);

  /** Whether {@code hash} was made with weaker parameters than this hasher uses now. */
  boolean needsRehash(PasswordHash hash);
}
