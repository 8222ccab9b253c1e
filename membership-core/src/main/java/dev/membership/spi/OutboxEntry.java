package dev.membership.spi;

import dev.membership.domain.Notification;
import java.time.Instant;
import java.util.Objects;

/**
 * A notification in the outbox with its delivery bookkeeping.
 *
 * @param notification what to deliver
 * @param attempts how many deliveries failed so far
 * @param nextAttemptAt when it is due
 */
public record OutboxEntry(Notification notification, int attempts, Instant nextAttemptAt) {
  public OutboxEntry {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
  }
}
