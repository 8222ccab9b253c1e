package dev.membership.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The outbox's gauges: {@value #BACKLOG} (notifications waiting to be sent), {@value
 * #OLDEST_PENDING_AGE} (seconds since the oldest of them was written; 0 when none waits) and {@value
 * #DEAD_LETTERS}. They read one {@link Snapshot} from the store, taken at most once per {@code
 * refresh} however many gauges and scrapes ask, so a scrape never queries the store more than that.
 */
public final class OutboxMetrics {
  public static final String BACKLOG = "membership.outbox.backlog";
  public static final String OLDEST_PENDING_AGE = "membership.outbox.oldest.pending.age";
  public static final String DEAD_LETTERS = "membership.outbox.dead.letters";

  /**
   * The outbox at one moment.
   *
   * @param pending notifications neither delivered nor dead letters
   * @param oldestPendingAge how long the oldest of them has waited; zero when none waits
   * @param deadLetters notifications the outbox gave up on
   */
  public record Snapshot(long pending, Duration oldestPendingAge, long deadLetters) {
    public Snapshot {
      Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
    }
  }

  private final Supplier<Snapshot> source;
  private final long refreshNanos;
  private @Nullable Snapshot last; // none until the first read
  private long takenAt;

  private OutboxMetrics(Supplier<Snapshot> source, Duration refresh) {
    this.source = source;
    this.refreshNanos = refresh.toNanos();
  }

  /** Registers the gauges on {@code registry}, reading {@code source} at most once per {@code refresh}. */
  public static OutboxMetrics bind(MeterRegistry registry, Supplier<Snapshot> source, Duration refresh) {
    OutboxMetrics metrics = new OutboxMetrics(Objects.requireNonNull(source, "source"), refresh);
    Gauge.builder(BACKLOG, metrics, m -> m.snapshot().pending())
        .description("Outbox notifications waiting to be sent").register(registry);
    Gauge.builder(OLDEST_PENDING_AGE, metrics, m -> m.snapshot().oldestPendingAge().toMillis() / 1000.0)
        .description("Seconds the oldest waiting outbox notification has waited").baseUnit("seconds").register(registry);
    Gauge.builder(DEAD_LETTERS, metrics, m -> m.snapshot().deadLetters())
        .description("Outbox notifications given up on").register(registry);
    return metrics;
  }

  /** The latest snapshot, taken anew when the last is older than the refresh interval. */
  public synchronized Snapshot snapshot() {
    long now = System.nanoTime();
    Snapshot current = last;
    if (current == null || now - takenAt >= refreshNanos) {
      current = source.get();
      last = current;
      takenAt = now;
    }
    return current;
  }
}
