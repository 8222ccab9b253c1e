package dev.membership.internal;

import dev.membership.MembershipPolicy.OutboxPolicy;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.error.ErrorCode;
import dev.membership.error.NotFoundException;
import dev.membership.query.DeadLetter;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.OutboxLease;
import dev.membership.spi.OutboxStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Hands committed notifications to the host's sender: at least once, oldest due first, retrying
 * failures with exponential backoff (30 s doubling to 1 h) up to the policy's maximum number of
 * attempts, after which a notification becomes a dead letter.
 *
 * <p>The sender is called outside any transaction and without holding a connection: a batch is
 * claimed in one short transaction that leases its rows (so other dispatchers skip them, and the
 * claims of a dispatcher that died become due again when the lease ends), then each notification is
 * sent, then its outcome is recorded in a short transaction of its own (the batch's last delivery's
 * transaction also claims the next batch, so a run that finds nothing more costs no transaction of
 * its own). Whatever a sender throws, {@link Error}s included, fails that one notification only.
 */
public final class OutboxDispatcher {
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());

  /** How many notifications one claim leases. */
  public static final int BATCH = 50;

  /** How many delivered notifications one {@link #purgeDelivered()} deletes at most. */
  public static final int PURGE_BATCH = 1_000;

  static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  static final Duration MAX_RETRY = Duration.ofHours(1);

  /** What a dead letter says when its last attempt never finished (the dispatcher died holding it). */
  static final String UNFINISHED = "lease expired: the last attempt did not finish";

  private final MembershipStore store;
  private final NotificationSender sender;
  private final Clock clock;
  private final OutboxPolicy policy;

  OutboxDispatcher(MembershipStore store, NotificationSender sender, Clock clock, OutboxPolicy policy) {
    this.store = store;
    this.sender = sender;
    this.clock = clock;
    this.policy = policy;
  }

  /** Delivers everything due now; returns how many were delivered. */
  public int deliverDue() {
    int delivered = 0;
    Claim claim = store.inTransaction(tx -> claim(tx.outbox()));
    while (true) {
      List<ClaimedNotification> batch = claim.batch();
      OutboxLease lease = claim.lease();
      int sent = 0;
      @Nullable Claim next = null;
      for (int i = 0; i < batch.size(); i++) {
        if (clock.instant().isAfter(lease.until())) {
          // Sending took longer than the lease: the rest may be another dispatcher's by now. Give back
          // what is still ours, unattempted, for the next run.
          release(batch.subList(i, batch.size()), lease);
          return delivered + sent;
        }
        Outcome outcome;
        try {
          // The batch's last delivery is recorded in the same transaction as the next claim (below).
          outcome = attempt(batch.get(i), lease, i == batch.size() - 1);
        } catch (RuntimeException | Error stop) {
          // A fatal error of the sender (recorded), or the store failing to record: send no more, and
          // give the rest back untried if the store still answers.
          try {
            release(batch.subList(i + 1, batch.size()), lease);
          } catch (RuntimeException | Error releasing) {
            stop.addSuppressed(releasing);
          }
          throw stop;
        }
        if (outcome.attempt() == Attempt.DELIVERED) {
          sent++;
          next = outcome.next();
        } else if (outcome.attempt() == Attempt.INTERRUPTED) {
          release(batch.subList(i + 1, batch.size()), lease);
          Thread.currentThread().interrupt();
          return delivered + sent;
        }
      }
      delivered += sent;
      // Claim again until nothing is due: a short batch may have held back a recipient's next
      // notification until the one before it was delivered. A batch that delivered nothing means
      // the sender is failing. When the batch's last notification was delivered, the next claim was
      // made in the transaction that recorded it (one commit fewer per batch); otherwise it takes a
      // transaction of its own.
      if (batch.isEmpty() || sent == 0) {
        return delivered;
      }
      claim = next != null ? next : store.inTransaction(tx -> claim(tx.outbox()));
    }
  }

  /** A claimed batch and the lease it is held under. */
  private record Claim(OutboxLease lease, List<ClaimedNotification> batch) {}

  /** Claims up to {@value #BATCH} notifications due now, under a lease from now. */
  private Claim claim(OutboxStore outbox) {
    Instant now = clock.instant();
    OutboxLease lease = OutboxLease.until(now.plus(policy.lease()));
    return new Claim(lease, outbox.claimDue(now, lease, BATCH));
  }

  /** Like {@link #deliverDue()}, but a failure to reach the store is logged: the notifications wait. */
  public void deliverDueQuietly() {
    try {
      deliverDue();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Delivering notifications failed; they stay in the outbox: " + e.getClass().getName());
    }
  }

  private void release(List<ClaimedNotification> unattempted, OutboxLease lease) {
    if (unattempted.isEmpty()) {
      return;
    }
    List<NotificationId> ids = unattempted.stream().map(c -> c.notification().id()).toList();
    Instant now = clock.instant();
    store.inTransaction(tx -> tx.outbox().release(ids, lease, now));
  }

  private enum Attempt { DELIVERED, FAILED, INTERRUPTED }

  /** How an attempt ended, and the next batch when it was claimed with the delivery's record. */
  private record Outcome(Attempt attempt, @Nullable Claim next) {
    static final Outcome FAILED = new Outcome(Attempt.FAILED, null);
    static final Outcome INTERRUPTED = new Outcome(Attempt.INTERRUPTED, null);
  }

  /**
   * One attempt: sends, then records the outcome in a transaction of its own; a delivery with {@code
   * claimNext} claims the next batch in that transaction too. Throws only what {@link #isFatal} calls
   * fatal, after recording it, or a failure to record.
   */
  // TransactionWork's result is non-null for what stores return; this work has none, and null stands for Void.
  @SuppressWarnings("NullAway")
  private Outcome attempt(ClaimedNotification claimed, OutboxLease lease, boolean claimNext) {
    Notification notification = claimed.notification();
    NotificationId id = notification.id();
    if (claimed.attempt() > policy.maxAttempts()) {
      // The dispatcher that made the last attempt allowed died before recording it: it may have sent.
      giveUp(claimed, lease, UNFINISHED);
      return Outcome.FAILED;
    }
    Throwable failure;
    try {
      sender.send(notification);
      failure = null;
    } catch (Throwable t) {
      failure = t;
    }
    if (failure == null) {
      if (!claimNext) {
        markDelivered(id);
        return new Outcome(Attempt.DELIVERED, null);
      }
      Claim next;
      try {
        next = store.inTransaction(tx -> {
          tx.outbox().markDelivered(id, clock.instant());
          return claim(tx.outbox());
        });
      } catch (RuntimeException claiming) {
        // The claim failed and took the record with it: record the delivery alone, then report the failure.
        try {
          markDelivered(id);
        } catch (RuntimeException | Error recording) {
          claiming.addSuppressed(recording);
        }
        throw claiming;
      }
      return new Outcome(Attempt.DELIVERED, next);
    }
    try {
      recordFailure(claimed, lease, failure);
    } catch (RuntimeException | Error recording) {
      if (isFatal(failure)) {
        failure.addSuppressed(recording);
        throw (Error) failure;
      }
      throw recording;
    }
    if (isFatal(failure)) {
      // Counted against this notification only, so one that breaks the JVM ends as a dead letter
      // instead of stopping the outbox for good; but the JVM is not to be trusted now: no more
      // sending, and the host's own handlers must see the error.
      throw (Error) failure;
    }
    return failure instanceof InterruptedException ? Outcome.INTERRUPTED : Outcome.FAILED;
  }

  @SuppressWarnings("NullAway") // TransactionWork's result: null stands for Void
  private void markDelivered(NotificationId id) {
    store.inTransaction(tx -> {
      tx.outbox().markDelivered(id, clock.instant());
      return null;
    });
  }

  private void recordFailure(ClaimedNotification claimed, OutboxLease lease, Throwable failure) {
    String error = failure.getClass().getName();
    if (claimed.attempt() >= policy.maxAttempts()) {
      giveUp(claimed, lease, error);
      return;
    }
    Instant next = clock.instant().plus(backoff(claimed.attempt()));
    Notification n = claimed.notification();
    LOG.log(Level.WARNING, "Delivering notification " + n.id() + " (" + n.type() + ") failed on attempt "
        + claimed.attempt() + " of " + policy.maxAttempts() + "; retrying at " + next + ": " + error);
    store.inTransaction(tx -> tx.outbox().markFailed(n.id(), lease, next, error));
  }

  private void giveUp(ClaimedNotification claimed, OutboxLease lease, String error) {
    Notification n = claimed.notification();
    Instant now = clock.instant();
    boolean recorded = store.inTransaction(tx -> tx.outbox().markDead(n.id(), lease, now, error));
    if (recorded) {
      LOG.log(Level.WARNING, "Notification " + n.id() + " (" + n.type() + ") is a dead letter after "
          + claimed.attempt() + " attempts: " + error
          + "; retry or discard it through outbox()");
    }
  }

  /**
   * Errors after which the JVM cannot be trusted to go on: running out of memory, and the JVM's own
   * internal failures. A {@link StackOverflowError} is not one of them: the stack has unwound by the
   * time the sender's call returns, so it is an ordinary failure of that sender's call.
   */
  static boolean isFatal(Throwable failure) {
    return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
  }

  /** How long to wait after the {@code attempt}-th failed attempt: 30 s, doubling, at most 1 h. */
  static Duration backoff(int attempt) {
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 20));
    return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
  }

  /** Dead letters, oldest first. */
  public Page<DeadLetter> deadLetters(PageRequest page) {
    return store.inTransaction(tx -> tx.outbox().deadLetters(page));
  }

  /** Makes a dead letter due now with its attempts reset. */
  public void retry(NotificationId id) {
    Instant now = clock.instant();
    if (!store.inTransaction(tx -> tx.outbox().retry(id, now))) {
      throw deadLetterNotFound();
    }
  }

  /** Deletes a dead letter. */
  public void discard(NotificationId id) {
    if (!store.inTransaction(tx -> tx.outbox().discard(id))) {
      throw deadLetterNotFound();
    }
  }

  /** Deletes up to {@value #PURGE_BATCH} notifications delivered longer ago than the retention. */
  public int purgeDelivered() {
    Instant before = clock.instant().minus(policy.deliveredRetention());
    return store.inTransaction(tx -> tx.outbox().purgeDelivered(before, PURGE_BATCH));
  }

  private static NotFoundException deadLetterNotFound() {
    return new NotFoundException(ErrorCode.DEAD_LETTER_NOT_FOUND,
        "There is no such dead letter: it was retried, discarded or delivered meanwhile.");
  }
}
