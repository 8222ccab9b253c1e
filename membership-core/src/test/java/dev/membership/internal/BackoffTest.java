package dev.membership.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.MembershipPolicy.SignInThrottling;
import dev.membership.spi.ThrottleCounter;
import dev.membership.spi.ThrottleKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Instant NOW = Instant.parse("2026-07-01T09:00:00Z");
  private final Backoff backoff = new Backoff(SignInThrottling.defaults());

  @Test
  void the_free_failures_cost_no_wait() {
    for (int failures = 0; failures < 5; failures++) {
      assertThat(backoff.waitAfter(failures, 5, true)).as("after %d failures", failures).isZero();
    }
  }

  @Test
  void the_wait_doubles_with_each_failure_after_the_free_ones() {
    assertThat(backoff.waitAfter(5, 5, true)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.waitAfter(6, 5, true)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.waitAfter(7, 5, true)).isEqualTo(Duration.ofMinutes(2));
    assertThat(backoff.waitAfter(8, 5, true)).isEqualTo(Duration.ofMinutes(4));
    assertThat(backoff.waitAfter(9, 5, true)).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void the_wait_stops_growing_at_the_longest() {
    assertThat(backoff.waitAfter(10, 5, true)).isEqualTo(Duration.ofMinutes(15));
    assertThat(backoff.waitAfter(99, 5, true)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void the_doubling_does_not_overflow_however_many_failures() {
    assertThat(backoff.waitAfter(Integer.MAX_VALUE, 1, false)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void the_hundredth_consecutive_failure_locks_for_the_hard_lockout() {
    assertThat(backoff.waitAfter(100, 5, true)).isEqualTo(Duration.ofHours(24));
    assertThat(backoff.waitAfter(150, 5, true)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void a_counter_without_a_hard_limit_keeps_to_the_longest_wait() {
    assertThat(backoff.waitAfter(100, 50, false)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void a_source_counter_waits_only_after_its_own_free_failures() {
    assertThat(backoff.waitAfter(49, 50, false)).isZero();
    assertThat(backoff.waitAfter(50, 50, false)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void the_wait_counts_from_the_last_failure() {
    ThrottleCounter counter = counter(6, NOW.minusSeconds(20), NOW.plus(Duration.ofHours(24)));

    assertThat(backoff.blockedUntil(counter, 5, true, NOW)).isEqualTo(NOW.plusSeconds(40));
    assertThat(backoff.blockedUntil(counter, 5, true, NOW.plusSeconds(40))).isEqualTo(NOW.plusSeconds(40));
    assertThat(backoff.blockedUntil(counter, 5, true, NOW.plusSeconds(41))).isEqualTo(NOW.plusSeconds(41));
  }

  @Test
  void a_free_failure_counted_a_moment_later_by_another_instance_holds_nothing_back() {
    ThrottleCounter counter = counter(3, NOW.plusMillis(20), NOW.plus(Duration.ofHours(24)));

    assertThat(backoff.blockedUntil(counter, 5, true, NOW)).isEqualTo(NOW);
  }

  @Test
  void an_expired_counter_holds_nothing_back() {
    ThrottleCounter counter = counter(100, NOW.minusSeconds(1), NOW);

    assertThat(backoff.blockedUntil(counter, 5, true, NOW)).isEqualTo(NOW);
  }

  @Test
  void a_counter_that_never_failed_holds_nothing_back() {
    ThrottleCounter counter = ThrottleCounter.empty(ThrottleKey.of("x"), NOW.plusSeconds(60));

    assertThat(backoff.blockedUntil(counter, 5, true, NOW)).isEqualTo(NOW);
  }

  @Test
  void other_numbers_from_the_policy_are_followed() {
    Backoff custom = new Backoff(SignInThrottling.defaults()
        .withBackoff(2, Duration.ofSeconds(1), Duration.ofSeconds(5))
        .withHardLimit(10, Duration.ofHours(1)));

    assertThat(custom.waitAfter(1, 2, true)).isZero();
    assertThat(custom.waitAfter(2, 2, true)).isEqualTo(Duration.ofSeconds(1));
    assertThat(custom.waitAfter(3, 2, true)).isEqualTo(Duration.ofSeconds(2));
    assertThat(custom.waitAfter(4, 2, true)).isEqualTo(Duration.ofSeconds(4));
    assertThat(custom.waitAfter(5, 2, true)).isEqualTo(Duration.ofSeconds(5));
    assertThat(custom.waitAfter(9, 2, true)).isEqualTo(Duration.ofSeconds(5));
    assertThat(custom.waitAfter(10, 2, true)).isEqualTo(Duration.ofHours(1));
  }

  private static ThrottleCounter counter(int failures, Instant lastFailure, Instant expires) {
    return new ThrottleCounter(ThrottleKey.of("ana@acme.test"), failures, Optional.of(lastFailure), Optional.empty(), expires);
  }
}
