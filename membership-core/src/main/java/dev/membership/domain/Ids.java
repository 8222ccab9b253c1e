package dev.membership.domain;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes UUIDv7 identifiers: time-ordered (so new rows land at the end of B-tree indexes, and ids made
 * later in this JVM always sort after earlier ones, a counter breaking ties within a millisecond),
 * with 62 random bits so they cannot be guessed.
 */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static int sequence;

  private Ids() {}

  static UUID newUuid() {
    long millis;
    int seq;
    synchronized (Ids.class) {
      long now = System.currentTimeMillis();
      if (now > lastMillis) {
        lastMillis = now;
        sequence = RANDOM.nextInt(1 << 11);
      } else if (++sequence >= (1 << 12)) {
        lastMillis++;
        sequence = 0;
      }
      millis = lastMillis;
      seq = sequence;
    }
    long msb = (millis << 16) | (0x7L << 12) | seq;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
