package dev.membership;

import dev.membership.error.ConcurrentModificationException;
import dev.membership.internal.Context;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * Retention: the upkeep that deletes what is over and past the time the policy keeps it ({@link
 * MembershipPolicy.RetentionPolicy}, and {@link MembershipPolicy.OutboxPolicy#deliveredRetention()}
 * for delivered notifications). The host schedules {@link #purge()}, e.g. hourly; removed memberships
 * and the audit logs are history and never purged here.
 */
public final class Retention {
  /** Rows one short transaction deletes at most, per kind. */
  public static final int BATCH = 500;

  /** Batches one {@link #purge()} runs at most per kind before it answers {@code moreWaiting}. */
  public static final int MAX_BATCHES = 200;

  private final Context context;

  Retention(Context context) {
    this.context = context;
  }

  /**
   * Deletes delivered notifications, answered join requests and ended invitations past their
   * retention, in batches of at most {@value #BATCH} rows, each in a short transaction of its own (so
   * no lock is held long and the host's own work is not held up), until a batch finds fewer or
   * {@value #MAX_BATCHES} batches of each kind ran. Several instances may run it at once: a row is
   * deleted, and counted, by one of them only. Writes no audit entry and tells no listener.
   */
  public PurgeCounts purge() {
    Instant now = context.now();
    Instant delivered = now.minus(context.policy.outbox().deliveredRetention());
    Instant answered = now.minus(context.policy.retention().answeredJoinRequests());
    Instant ended = now.minus(context.policy.retention().endedInvitations());
    Counted notifications = drain((tx, limit) -> tx.outbox().purgeDelivered(delivered, limit));
    Counted requests = drain((tx, limit) -> tx.joinRequests().purgeAnswered(answered, limit));
    Counted invitations = drain((tx, limit) -> tx.invitations().purgeEnded(ended, limit));
    return new PurgeCounts(notifications.deleted, requests.deleted, invitations.deleted,
        notifications.more || requests.more || invitations.more);
  }

  private record Counted(int deleted, boolean more) {}

  private Counted drain(BiFunction<StoreTransaction, Integer, Integer> batch) {
    int deleted = 0;
    for (int batches = 0; batches < MAX_BATCHES; batches++) {
      int step = inShortTransaction(batch);
      deleted += step;
      if (step < BATCH) {
        return new Counted(deleted, false);
      }
    }
    return new Counted(deleted, true);
  }

  private int inShortTransaction(BiFunction<StoreTransaction, Integer, Integer> batch) {
    for (int tries = 1; ; tries++) {
      try {
        return context.store.inTransaction(tx -> batch.apply(tx, BATCH));
      } catch (ConcurrentModificationException raced) {
        // Another instance purging the same rows (a deadlock or serialization failure): its work
        // counts there; try this batch again, then leave the rest to the next run.
        if (tries >= 3) {
          return 0;
        }
      }
    }
  }
}
