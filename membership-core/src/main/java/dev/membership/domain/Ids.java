package dev.membership.domain;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes UUIDv7 identifiers: time-ordered, so new rows land at the end of B-tree indexes, with 74
 * random bits so they cannot be guessed.
 */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  static UUID newUuid() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
