package dev.membership.internal;

import dev.membership.MembershipPolicy.SignInThrottling;
import dev.membership.spi.ThrottleCounter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The arithmetic of the throttle: how long a counter makes the next attempt wait. No state, no
 * store: {@link ThrottleGate} applies it to the counters it locks.
 */
public final class Backoff {
  private final SignInThrottling policy;

  public Backoff(SignInThrottling policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The wait after the {@code failures}-th failure in a row of a counter that lets {@code free}
   * through: none before {@code free}; then the first wait, doubled for each further failure, up to
   * the longest; the hard lockout from the hard limit on, where {@code hardLimited}.
   */
  public Duration waitAfter(int failures, int free, boolean hardLimited) {
    if (hardLimited && failures >= policy.hardLimit()) {
      return policy.hardLockout();
    }
    if (failures < free) {
      return Duration.ZERO;
    }
    Duration wait = policy.firstWait();
    for (int doublings = failures - free; doublings > 0 && wait.compareTo(policy.maxWait()) < 0; doublings--) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(policy.maxWait()) > 0 ? policy.maxWait() : wait;
  }

  /**
   * Until when {@code counter} holds the next attempt back at {@code now}: {@code now} itself when it
   * does not (an expired counter counts as empty).
   */
  public Instant blockedUntil(ThrottleCounter counter, int free, boolean hardLimited, Instant now) {
    if (counter.isExpiredAt(now) || counter.lastFailureAt().isEmpty()) {
      return now;
    }
    Duration wait = waitAfter(counter.failures(), free, hardLimited);
    if (wait.isZero()) {
      // A free failure holds nothing back, even one counted a moment "later" by another instance's clock.
      return now;
    }
    Instant until = counter.lastFailureAt().get().plus(wait);
    return until.isAfter(now) ? until : now;
  }
}
