package dev.membership.internal;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed sign-ins per normalised e-mail address, whether an account exists or not, so that
 * throttling reveals nothing. After {@code limit} failures within {@code window}, the address is
 * refused until the window since the last failure has passed. Kept in memory per instance: a host
 * running several instances behind a load balancer gets at most {@code limit} attempts per instance
 * per window, and should also rate-limit by client address at its edge.
 */
public final class SignInThrottle {
  private record Failures(int count, Instant last) {}

  private final Cache<String, Failures> failures;
  private final Clock clock;
  private final int limit;
  private final Duration window;

  public SignInThrottle(Clock clock, int limit, Duration window) {
    this.clock = clock;
    this.limit = limit;
    this.window = window;
    this.failures = CacheBuilder.newBuilder().maximumSize(100_000).expireAfterWrite(window.multipliedBy(2)).build();
  }

  /** How long the address must wait, if it is throttled now. */
  public Optional<Duration> retryAfter(String key) {
    Failures seen = failures.getIfPresent(key);
    if (seen == null || seen.count() < limit) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), seen.last().plus(window));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  public void failed(String key) {
    Instant now = clock.instant();
    failures.asMap().merge(key, new Failures(1, now), (old, one) ->
        Duration.between(old.last(), now).compareTo(window) > 0 ? one : new Failures(old.count() + 1, now));
  }

  public void succeeded(String key) {
    failures.invalidate(key);
  }
}
