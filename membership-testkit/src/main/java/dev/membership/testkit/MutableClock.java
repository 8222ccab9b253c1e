package dev.membership.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link Clock} a test moves by hand: let an invitation expire without waiting seven days. */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@code start}, in UTC. */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** A clock standing at 2026-01-05T09:00:00Z, a Monday morning. */
  public static MutableClock standard() {
    return at(Instant.parse("2026-01-05T09:00:00Z"));
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public MutableClock advance(Duration duration) {
    now.updateAndGet(t -> t.plus(duration));
    return this;
  }

  /** Sets the clock. */
  public MutableClock set(Instant instant) {
    now.set(instant);
    return this;
  }

  @Override
  public Instant instant() {
    return Objects.requireNonNull(now.get(), "now");
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return new MutableClock(now, other);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
