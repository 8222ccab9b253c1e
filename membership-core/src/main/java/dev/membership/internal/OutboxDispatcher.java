package dev.membership.internal;

import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands committed notifications to the host's sender: at least once, oldest first, retrying failures
 * with exponential backoff (30 s doubling to 1 h). Each batch is claimed in one transaction, so
 * dispatchers on several instances do not hand over the same row at once where the store supports
 * skipping locked rows.
 */
public final class OutboxDispatcher {
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());
  private static final int BATCH = 50;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  private static final Duration MAX_RETRY = Duration.ofHours(1);

  private final MembershipStore store;
  private final NotificationSender sender;
  private final Clock clock;

  OutboxDispatcher(MembershipStore store, NotificationSender sender, Clock clock) {
    this.store = store;
    this.sender = sender;
    this.clock = clock;
  }

  /** Delivers everything due now; returns how many were delivered. */
  public int deliverDue() {
    int delivered = 0;
    while (true) {
      int[] batch = store.inTransaction(tx -> {
        List<OutboxEntry> due = tx.claimDueNotifications(clock.instant(), BATCH);
        int ok = 0;
        for (OutboxEntry entry : due) {
          try {
            sender.send(entry.notification());
            tx.markDelivered(entry.notification().id(), clock.instant());
            ok++;
          } catch (Exception e) {
            Instant next = clock.instant().plus(backoff(entry.attempts() + 1));
            LOG.log(Level.WARNING, "Delivering notification " + entry.notification().id() + " ("
                + entry.notification().type() + ") failed; retrying at " + next + ": " + e.getClass().getName());
            tx.markFailed(entry.notification().id(), next, e.getClass().getName());
          }
        }
        return new int[] {due.size(), ok};
      });
      delivered += batch[1];
      if (batch[0] < BATCH || batch[1] == 0) {
        return delivered;
      }
    }
  }

  static Duration backoff(int attempt) {
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 20));
    return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
  }
}
