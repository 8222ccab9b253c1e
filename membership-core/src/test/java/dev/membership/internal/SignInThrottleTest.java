package dev.membership.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-07-01T09:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock, 3, WINDOW);

  @Test
  void attempts_up_to_the_limit_are_let_through() {
    assertThat(throttle.tryAcquire("ana@acme.test", true)).isEmpty();
    assertThat(throttle.tryAcquire("ana@acme.test", true)).isEmpty();
    assertThat(throttle.tryAcquire("ana@acme.test", true)).isEmpty();
  }

  @Test
  void the_attempt_after_the_limit_waits_for_the_window_since_the_last_attempt() {
    throttle.tryAcquire("ana@acme.test", true);
    clock.advance(Duration.ofMinutes(1));
    throttle.tryAcquire("ana@acme.test", true);
    throttle.tryAcquire("ana@acme.test", true);

    assertThat(throttle.tryAcquire("ana@acme.test", true)).contains(WINDOW);
    clock.advance(Duration.ofMinutes(5));
    assertThat(throttle.tryAcquire("ana@acme.test", true)).contains(WINDOW.minusMinutes(5));
  }

  @Test
  void the_throttle_lifts_once_the_window_has_passed() {
    for (int i = 0; i < 3; i++) {
      throttle.tryAcquire("ana@acme.test", true);
    }
    clock.advance(WINDOW);

    assertThat(throttle.tryAcquire("ana@acme.test", true)).isEmpty();
  }

  @Test
  void a_success_forgets_earlier_attempts() {
    throttle.tryAcquire("ana@acme.test", true);
    throttle.tryAcquire("ana@acme.test", true);
    throttle.succeeded("ana@acme.test");
    throttle.tryAcquire("ana@acme.test", true);
    throttle.tryAcquire("ana@acme.test", true);

    assertThat(throttle.tryAcquire("ana@acme.test", true)).isEmpty();
  }

  @Test
  void attempts_for_one_address_do_not_throttle_another() {
    for (int i = 0; i < 3; i++) {
      throttle.tryAcquire("ana@acme.test", true);
    }
    assertThat(throttle.tryAcquire("ana@acme.test", true)).isPresent();
    assertThat(throttle.tryAcquire("bo@acme.test", true)).isEmpty();
  }

  @Test
  void an_address_without_an_account_is_throttled_exactly_like_one_with_an_account() {
    for (int i = 0; i < 3; i++) {
      throttle.tryAcquire("nobody@nowhere.test", false);
    }
    assertThat(throttle.tryAcquire("nobody@nowhere.test", false)).contains(WINDOW);
  }

  @Test
  void parallel_guesses_cannot_exceed_the_limit_because_attempts_count_before_verifying() throws Exception {
    int threads = 12;
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Thread> guessers = new ArrayList<>();
    List<Optional<Duration>> answers = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          start.await();
          answers.add(throttle.tryAcquire("ana@acme.test", true));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      guessers.add(t);
      t.start();
    }
    for (Thread t : guessers) {
      t.join();
    }

    assertThat(answers.stream().filter(Optional::isEmpty).count()).isEqualTo(3);
  }

  private static final class MovableClock extends Clock {
    private volatile Instant now;

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
