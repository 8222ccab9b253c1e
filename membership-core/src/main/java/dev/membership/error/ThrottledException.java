package dev.membership.error;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Too many attempts of this kind from one source lately: nothing was done, and nothing was counted.
 * {@link #retryAfter()} says when the next attempt may go ahead (e.g. for an HTTP {@code Retry-After}).
 * The answer never depends on the address the attempt was about.
 */
public final class ThrottledException extends MembershipException {
  private final Duration retryAfter;

  public ThrottledException(ErrorCode code, String message, Duration retryAfter) {
    super(code, message, List.of());
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long to wait before trying again: more than zero. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
