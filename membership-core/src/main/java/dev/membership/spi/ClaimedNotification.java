package dev.membership.spi;

import dev.membership.domain.Notification;
import java.util.Objects;

/**
 * A notification a dispatcher claimed for one delivery attempt.
 *
 * @param notification what to deliver, with its link; printed with the link redacted
 * @param attempt which attempt this is: 1 for the first, counted when claimed, so an attempt that a
 *     dispatcher never finished (it died holding the lease) counts too
 */
public record ClaimedNotification(Notification notification, int attempt) {
  public ClaimedNotification {
    Objects.requireNonNull(notification, "notification");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1");
    }
  }
}
