package dev.membership.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One throttle counter as a store keeps it. The store only keeps and locks counters; what they mean
 * (how long to wait, when a counter is forgotten) is the library's business.
 *
 * @param key what is counted
 * @param failures what the counter counts: for a sign-in or a password change, failed attempts in a
 *     row (an attempt is counted before its password is checked, and taken back or reset when it
 *     succeeds); for a sign-up source, its sign-ups; for "create user directly", the existence
 *     answers given in the current day
 * @param lastFailureAt when the last of them was counted
 * @param lastSuccessAt when an attempt under this key last succeeded
 * @param expiresAt from then on the counter means nothing and the store may delete it
 */
public record ThrottleCounter(
    ThrottleKey key, int failures, Optional<Instant> lastFailureAt, Optional<Instant> lastSuccessAt,
    Instant expiresAt) {

  public ThrottleCounter {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastFailureAt, "lastFailureAt");
    Objects.requireNonNull(lastSuccessAt, "lastSuccessAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (failures < 0) {
      throw new IllegalArgumentException("failures must not be negative");
    }
  }

  /** A counter that has counted nothing, already expired at {@code now}: what a store creates for a new key. */
  public static ThrottleCounter empty(ThrottleKey key, Instant now) {
    return new ThrottleCounter(key, 0, Optional.empty(), Optional.empty(), now);
  }

  /** Whether the counter has expired at {@code now} (and so counts as empty). */
  public boolean isExpiredAt(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
