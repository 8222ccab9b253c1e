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
    OutboxBacklog.Reading reading;
    try {
      reading = backlog.read();
    } catch (RuntimeException e) {
      return Health.down().withDetail("store", "unreachable: " + e.getMessage()).build();
    }
    int pending;
    try {
      pending = schema.pending();
    } catch (RuntimeException e) {
      return Health.down().withDetail("store", "reachable")
          .withDetail("migrations", "cannot be read: " + e.getClass().getName()).build();
    }
    boolean stuck = reading.overdueFor().compareTo(stuckAfter) > 0;
    Health.Builder health = pending > 0 || stuck ? Health.down() : Health.up();
    health.withDetail("store", "reachable")
        .withDetail("migrations", pending == 0 ? "current" : pending + " pending")
        .withDetail("outbox", stuck
            ? "stuck: a due notification has waited " + seconds(reading.overdueFor()) + " for a dispatcher"
            : "moving")
        .withDetail("outboxBacklog", reading.pending())
        .withDetail("outboxOldestPendingAge", seconds(reading.oldestPendingAge()))
        .withDetail("outboxDeadLetters", reading.deadLetters());
    return health.build();
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + "s";
  }
}
