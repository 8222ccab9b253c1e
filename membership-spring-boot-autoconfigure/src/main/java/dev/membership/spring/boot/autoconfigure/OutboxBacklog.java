package dev.membership.spring.boot.autoconfigure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The jOOQ store's outbox at one moment, read in one statement on the index of undelivered
 * notifications: how many wait, how long the oldest has waited, how long the longest-overdue one
 * has been due without a dispatcher taking it, and how many are dead letters.
 */
public final class OutboxBacklog {
  private static final String SQL = """
      SELECT SUM(CASE WHEN dead_at IS NULL THEN 1 ELSE 0 END),
             MIN(CASE WHEN dead_at IS NULL THEN created_at END),
             MIN(CASE WHEN dead_at IS NULL AND next_attempt_at <= ? THEN next_attempt_at END),
             SUM(CASE WHEN dead_at IS NOT NULL THEN 1 ELSE 0 END)
        FROM membership_outbox
       WHERE delivered_at IS NULL""";
  private static final long NANOS = 1_000_000_000L;

  /**
   * One reading.
   *
   * @param pending notifications waiting to be sent (claimed ones included)
   * @param oldestPendingAge how long the oldest of them has waited; zero when none waits
   * @param overdueFor how long the longest-overdue notification has been due and not claimed; zero when none
   * @param deadLetters notifications given up on
   */
  public record Reading(long pending, Duration oldestPendingAge, Duration overdueFor, long deadLetters) {}

  private final DataSource dataSource;
  private final Clock clock;

  public OutboxBacklog(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Reads the outbox now; throws {@link IllegalStateException} when the database cannot be read. */
  public Reading read() {
    Instant now = clock.instant();
    long nowNanos = now.getEpochSecond() * NANOS + now.getNano();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setLong(1, nowNanos);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        long pending = rows.getLong(1);
        long oldest = rows.getLong(2);
        boolean anyPending = !rows.wasNull();
        long overdue = rows.getLong(3);
        boolean anyOverdue = !rows.wasNull();
        long dead = rows.getLong(4);
        return new Reading(pending,
            anyPending ? Duration.ofNanos(Math.max(0, nowNanos - oldest)) : Duration.ZERO,
            anyOverdue ? Duration.ofNanos(Math.max(0, nowNanos - overdue)) : Duration.ZERO,
            dead);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the outbox: " + e.getClass().getName() + " (SQL state "
          + e.getSQLState() + ")", e);
    }
  }
}
