package dev.membership.internal;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits password attempts per normalised e-mail address, whether an account exists or not, so that
 * throttling reveals nothing. An attempt is counted <em>before</em> its password is verified, so
 * parallel guesses cannot all slip in while the first is still hashing; a success forgets the count.
 * After {@code limit} attempts within {@code window}, the address is refused until the window since the
 * last attempt has passed.
 *
 * <p>Addresses of real accounts are kept apart from unknown ones, so a flood of made-up addresses
 * cannot push a real account's count out of memory. Kept per instance: a host running several
 * instances gets at most {@code limit} attempts per instance per window, and should also rate-limit by
 * client address at its edge.
 */
public final class SignInThrottle {
  private record Attempts(int count, Instant last) {}

  private final Cache<String, Attempts> known;
  private final Cache<String, Attempts> unknown;
  private final Clock clock;
  private final int limit;
  private final Duration window;

  public SignInThrottle(Clock clock, int limit, Duration window) {
    this.clock = clock;
    this.limit = limit;
    this.window = window;
    this.known = CacheBuilder.newBuilder().expireAfterWrite(window.multipliedBy(2)).build();
    this.unknown = CacheBuilder.newBuilder().maximumSize(100_000).expireAfterWrite(window.multipliedBy(2)).build();
  }

  /**
   * Counts one attempt for the address, unless it is throttled: then counts nothing and says how long
   * to wait.
   *
   * @param knownAccount whether an account has this address (decides which table keeps the count)
   */
  public Optional<Duration> tryAcquire(String key, boolean knownAccount) {
    Instant now = clock.instant();
    Duration[] wait = new Duration[1];
    (knownAccount ? known : unknown).asMap().compute(key, (k, seen) -> {
      if (seen == null || Duration.between(seen.last(), now).compareTo(window) >= 0) {
        return new Attempts(1, now);
      }
      if (seen.count() >= limit) {
        wait[0] = Duration.between(now, seen.last().plus(window));
        return seen;
      }
      return new Attempts(seen.count() + 1, now);
    });
    return Optional.ofNullable(wait[0]);
  }

  /** The password was right: earlier attempts no longer count. */
  public void succeeded(String key) {
    known.invalidate(key);
    unknown.invalidate(key);
  }
}
