package dev.membership.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Membership's health ({@code /actuator/health/membership}): {@code UP} when the store answers, the
 * library's migrations are all applied and no due notification has waited longer than {@code
 * membership.health.outbox-stuck-after} for a dispatcher; {@code DOWN} otherwise, with what is wrong.
 * Details: the outbox backlog, the age of its oldest notification, its dead letters, pending migrations.
 */
public final class MembershipHealthIndicator implements HealthIndicator {
  private final OutboxBacklog backlog;
  private final MembershipSchema schema;
  private final Duration stuckAfter;

  public MembershipHealthIndicator(OutboxBacklog backlog, MembershipSchema schema, Duration stuckAfter) {
    this.backlog = Objects.requireNonNull(backlog, "backlog");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.stuckAfter = Objects.requireNonNull(stuckAfter, "stuckAfter");
  }

  @Override
  public Health health() {
    int pending;
    try {
      pending = schema.pending();
    } catch (RuntimeException e) {
      return Health.down().withDetail("store", "unreachable: " + e.getClass().getName()).build();
    }
    if (pending > 0) {
      return Health.down().withDetail("store", "reachable").withDetail("migrations", pending + " pending").build();
    }
    OutboxBacklog.Reading reading;
    try {
      reading = backlog.read();
    } catch (RuntimeException e) {
      return Health.down().withDetail("store", "unreachable: " + e.getMessage()).build();
    }
    boolean stuck = reading.overdueFor().compareTo(stuckAfter) > 0;
    return (stuck ? Health.down() : Health.up())
        .withDetail("store", "reachable")
        .withDetail("migrations", "current")
        .withDetail("outbox", stuck
            ? "stuck: a due notification has waited " + seconds(reading.overdueFor()) + " for a dispatcher"
            : "moving")
        .withDetail("outboxBacklog", reading.pending())
        .withDetail("outboxOldestPendingAge", seconds(reading.oldestPendingAge()))
        .withDetail("outboxDeadLetters", reading.deadLetters())
        .build();
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + "s";
  }
}
