package dev.membership.spi;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.query.DeadLetter;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The notification outbox: what the library wrote for the host to deliver, and the bookkeeping of
 * each delivery. Reached from a transaction by {@link StoreTransaction#outbox()}; everything here
 * reads and writes in that transaction, so a notification enqueued by a change commits with it or
 * not at all.
 *
 * <p>A notification is in one of three states: <em>pending</em> (not delivered, not given up;
 * due once its next attempt is reached), <em>delivered</em>, or <em>dead</em> (a dead letter: every
 * attempt up to the maximum failed). The dispatcher claims a batch of due notifications in one short
 * transaction, hands each to the sender outside any transaction, and records each outcome in a short
 * transaction of its own.
 *
 * <p>Contract (the store contract suite, {@code OutboxPortContract}, checks each rule):
 *
 * <ul>
 *   <li>{@link #enqueue} writes a pending notification, due at once, no attempt made. It reads back
 *       equal to what was written (id, type, organisation, recipient, data, link, instant to the
 *       nanosecond).
 *   <li>{@link #claimDue} returns pending notifications due at {@code now}, oldest due first (then
 *       id), at most {@code limit}; it counts an attempt on each and makes it not due until the
 *       lease ends, so a second dispatcher does not claim it meanwhile and a dispatcher that died
 *       holding it leaves it due again after the lease. Where the database can, rows being claimed by
 *       another open transaction are skipped rather than waited for ({@code FOR UPDATE SKIP LOCKED}).
 *       Per recipient only the oldest notification (by {@code createdAt}, then id) that is neither
 *       delivered nor dead is claimable: the recipient's next one waits until it is delivered or
 *       becomes a dead letter, so one recipient's notifications are handed over in the order written
 *       and never two at once, by any number of dispatchers (an invitation before its resend).
 *   <li>{@link #markDelivered} records a delivery whoever holds the lease (it happened): the
 *       notification is never claimed again, is no dead letter, and its link (a secret) is erased.
 *   <li>{@link #markFailed}, {@link #markDead} and {@link #release} record the outcome only while the caller's lease is
 *       the notification's latest claim and it is not delivered; otherwise they change nothing and
 *       answer {@code false}, so a dispatcher whose lease ran out cannot undo the work of the one that
 *       claimed the notification after it.
 *   <li>{@link #deadLetters} lists dead letters oldest first (when they died, then id), keyset-paginated
 *       with an opaque cursor ({@code nextCursor} present exactly when more follow), links kept.
 *   <li>{@link #retry} makes a dead letter pending again, due at {@code now}, attempts back to zero;
 *       {@link #discard} deletes one. Both answer {@code false} and change nothing for a notification
 *       that is not a dead letter.
 *   <li>{@link #purgeDelivered} deletes at most {@code limit} notifications delivered before the
 *       instant, never a pending or dead one, and answers how many it deleted.
 *   <li>{@link #countWritten} counts, up to {@code atMost}, the organisation's notifications of a type
 *       written after an instant, delivered or not, at a cost bounded by {@code atMost} whatever the
 *       size of the history.
 * </ul>
 */
public interface OutboxStore {

  /** Writes a pending notification, due at its {@code createdAt}, to be handed over after commit. */
  void enqueue(Notification notification);

  /**
   * Claims up to {@code limit} pending notifications due at {@code now}, oldest due first, at most
   * one per recipient and only a recipient's oldest pending one, for one attempt each under {@code
   * lease}: each one's attempt count goes up by one and it is not due again before {@code
   * lease.until()}.
   */
  List<ClaimedNotification> claimDue(Instant now, OutboxLease lease, int limit);

  /** Records the delivery and erases the secret link; nothing happens if it was delivered already. */
  void markDelivered(NotificationId id, Instant at);

  /**
   * Records a failed attempt of the notification claimed under {@code lease}: pending again, due at
   * {@code nextAttemptAt}.
   *
   * @param error what failed, at most a class name: never a message that could quote the link
   * @return whether it was recorded (false once another claim took the notification over, or it was delivered)
   */
  boolean markFailed(NotificationId id, OutboxLease lease, Instant nextAttemptAt, String error);

  /**
   * Gives back notifications claimed under {@code lease} that were not attempted after all (the
   * dispatcher stopped before their turn): pending again, due at {@code dueAt}, the claim's attempt
   * uncounted. Those another claim took over since are left alone.
   *
   * @return how many were given back
   */
  int release(Collection<NotificationId> ids, OutboxLease lease, Instant dueAt);

  /**
   * Records that the outbox gives up on the notification claimed under {@code lease}: a dead letter
   * from {@code at}, never claimed again unless {@link #retry retried}.
   *
   * @return whether it was recorded (false once another claim took the notification over, or it was delivered)
   */
  boolean markDead(NotificationId id, OutboxLease lease, Instant at, String error);

  /** Dead letters, oldest first (when they died, then id). */
  Page<DeadLetter> deadLetters(PageRequest page);

  /** Makes a dead letter pending again, due at {@code now}, with no attempt counted; whether it was one. */
  boolean retry(NotificationId id, Instant now);

  /** Deletes a dead letter; whether it was one. */
  boolean discard(NotificationId id);

  /** Deletes at most {@code limit} notifications delivered before {@code deliveredBefore}; how many. */
  int purgeDelivered(Instant deliveredBefore, int limit);

  /**
   * How many notifications of {@code type} about {@code organisation} were written after {@code
   * since}, delivered or not, counting at most {@code atMost}: e.g. the invitation e-mails an
   * organisation sent in the last 24 hours, for its daily limit.
   */
  int countWritten(OrganisationId organisation, NotificationType type, Instant since, int atMost);

  /**
   * Erasure of a person: deletes every notification to the address, pending, delivered or dead (one
   * being delivered right now included: recording its outcome then changes nothing); returns how many.
   */
  int deleteTo(EmailAddress recipient);
}
