package dev.membership;

import dev.membership.domain.NotificationId;
import dev.membership.internal.Context;
import dev.membership.internal.OutboxDispatcher;
import dev.membership.query.DeadLetter;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.time.Duration;

/**
 * The notification outbox, for the host to run and look after; none of these calls acts for an
 * account, so expose them only to the host's operators.
 *
 * <p>By default every command has its notifications handed to the sender right after it commits, on
 * the library's delivery thread (or the host's {@code Memberships.Builder.notificationExecutor}), so
 * the command does not wait for the sender; {@link #awaitDeliveries} waits for those deliveries. A
 * failed delivery is retried with backoff (30 seconds, doubling, at most an hour) up to {@link
 * MembershipPolicy.OutboxPolicy#maxAttempts()}; then the notification becomes a dead letter. What a
 * host schedules:
 *
 * <ul>
 *   <li>{@link #deliverDue()} every minute or so: it retries failed deliveries, hands over
 *       everything when the builder turned delivery after commit off, and picks up what a crashed
 *       instance had claimed once its lease ends. Several instances may run it at once.
 *   <li>{@link #purgeDelivered()} every hour or so: it deletes delivered notifications older than
 *       {@link MembershipPolicy.OutboxPolicy#deliveredRetention()}, at most {@value #PURGE_BATCH} a
 *       call; while a call answers {@value #PURGE_BATCH}, more are waiting, so call it again.
 *   <li>A look at {@link #deadLetters(PageRequest)} (e.g. alert when it is not empty): {@link
 *       #retry(NotificationId)} one once the cause is fixed (a wrong address corrected, the mail
 *       provider back), or {@link #discard(NotificationId)} it.
 * </ul>
 */
public final class Outbox {
  /** How many delivered notifications one {@link #purgeDelivered()} deletes at most. */
  public static final int PURGE_BATCH = OutboxDispatcher.PURGE_BATCH;

  private final Context context;

  Outbox(Context context) {
    this.context = context;
  }

  /**
   * Hands every due notification to the sender, outside any transaction; returns how many were
   * delivered. Whatever the sender throws fails that notification only, which is retried later or,
   * after the last attempt, becomes a dead letter. Only an {@link OutOfMemoryError} or another
   * failure of the JVM itself (a {@link VirtualMachineError} other than {@link StackOverflowError})
   * is thrown on, after it has been counted against its notification.
   */
  public int deliverDue() {
    return context.outbox.deliverDue();
  }

  /**
   * The notifications the outbox gave up on, oldest first, keyset-paginated; each keeps its link
   * (redacted whenever printed) so that a retry still works.
   */
  public Page<DeadLetter> deadLetters(PageRequest page) {
    return context.outbox.deadLetters(page.requireForward());
  }

  /**
   * Gives a dead letter a new start: due now, its attempts back to zero, the same idempotency key.
   * Unless the builder turned delivery after commit off, it is handed to the sender at once.
   *
   * @throws dev.membership.error.NotFoundException {@code DEAD_LETTER_NOT_FOUND} if it is no dead
   *     letter (any more)
   */
  public void retry(NotificationId id) {
    context.outbox.retry(id);
    if (context.deliverAfterCommit) {
      context.delivery.request();
    }
  }

  /**
   * Waits, at most {@code timeout}, until the deliveries after commit asked for by the commands that
   * returned before this call have run; whether they have. A delivery that failed has run too (its
   * notification waits for a retry). For tests and for a host shutting down; commands never need it.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitDeliveries(Duration timeout) throws InterruptedException {
    return context.delivery.await(timeout);
  }

  /**
   * Deletes a dead letter: it will never be sent.
   *
   * @throws dev.membership.error.NotFoundException {@code DEAD_LETTER_NOT_FOUND} if it is no dead
   *     letter (any more)
   */
  public void discard(NotificationId id) {
    context.outbox.discard(id);
  }

  /**
   * Deletes notifications delivered longer ago than the policy's retention, at most {@value
   * #PURGE_BATCH} in one short transaction; returns how many. Never touches a pending notification
   * or a dead letter.
   */
  public int purgeDelivered() {
    return context.outbox.purgeDelivered();
  }
}
