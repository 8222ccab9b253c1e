package dev.membership.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-07-01T09:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock, 3, WINDOW);

  @Test
  void fewer_failures_than_the_limit_do_not_throttle() {
    throttle.failed("ana@acme.test");
    throttle.failed("ana@acme.test");

    assertThat(throttle.retryAfter("ana@acme.test")).isEmpty();
  }

  @Test
  void reaching_the_limit_throttles_the_address_for_the_window_since_the_last_failure() {
    throttle.failed("ana@acme.test");
    clock.advance(Duration.ofMinutes(1));
    throttle.failed("ana@acme.test");
    clock.advance(Duration.ofMinutes(1));
    throttle.failed("ana@acme.test");

    assertThat(throttle.retryAfter("ana@acme.test")).contains(WINDOW);
    clock.advance(Duration.ofMinutes(5));
    assertThat(throttle.retryAfter("ana@acme.test")).contains(WINDOW.minusMinutes(5));
  }

  @Test
  void the_throttle_lifts_once_the_window_has_passed() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("ana@acme.test");
    }
    clock.advance(WINDOW);

    assertThat(throttle.retryAfter("ana@acme.test")).isEmpty();
  }

  @Test
  void a_success_forgets_earlier_failures() {
    throttle.failed("ana@acme.test");
    throttle.failed("ana@acme.test");
    throttle.succeeded("ana@acme.test");
    throttle.failed("ana@acme.test");

    assertThat(throttle.retryAfter("ana@acme.test")).isEmpty();
  }

  @Test
  void failures_further_apart_than_the_window_start_counting_again() {
    throttle.failed("ana@acme.test");
    throttle.failed("ana@acme.test");
    clock.advance(WINDOW.plusSeconds(1));
    throttle.failed("ana@acme.test");

    assertThat(throttle.retryAfter("ana@acme.test")).isEmpty();
  }

  @Test
  void failures_for_one_address_do_not_throttle_another() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("ana@acme.test");
    }
    assertThat(throttle.retryAfter("ana@acme.test")).isPresent();
    assertThat(throttle.retryAfter("bo@acme.test")).isEmpty();
  }

  @Test
  void an_address_without_an_account_is_throttled_exactly_like_one_with_an_account() {
    // The throttle knows only keys: an unknown address counts the same, so throttling reveals nothing.
    for (int i = 0; i < 3; i++) {
      throttle.failed("nobody@nowhere.test");
    }
    assertThat(throttle.retryAfter("nobody@nowhere.test")).contains(WINDOW);
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
