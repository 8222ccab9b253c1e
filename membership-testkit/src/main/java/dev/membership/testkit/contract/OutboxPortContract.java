package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.query.DeadLetter;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.OutboxLease;
import dev.membership.spi.OutboxStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Port level ({@link OutboxStore}): the outbox hands out due, pending notifications oldest first under
 * a lease, counting each attempt, one recipient's one at a time in the order written; a delivered one
 * is never claimed again; a failed one waits until
 * its next attempt; only the lease's holder records a failure; dead letters are listed, retried and
 * discarded; delivered ones are purged; an organisation's notifications are counted, bounded.
 */
public abstract class OutboxPortContract extends StoreContractSupport {

  private void enqueue(Notification... notifications) {
    inTx(tx -> {
      for (Notification n : notifications) {
        tx.outbox().enqueue(n);
      }
    });
  }

  private List<ClaimedNotification> claim(Instant now, OutboxLease lease, int limit) {
    return list(tx -> tx.outbox().claimDue(now, lease, limit));
  }

  /** Notifications to one recipient, written at these seconds after T0. */
  private static List<Notification> writtenTo(Organisation organisation, String recipient, long... seconds) {
    return java.util.Arrays.stream(seconds).mapToObj(t -> newNotification(organisation.id(), recipient, at(t))).toList();
  }

  private List<DeadLetter> deadLetters() {
    return list(tx -> tx.outbox().deadLetters(PageRequest.first(PageRequest.MAX_LIMIT)).items());
  }

  /**
   * A notification claimed and given up on at {@code at}, under a lease that ends at once, so the
   * others the claim took are due again.
   */
  private void killed(Notification notification, Instant at, String error) {
    OutboxLease lease = OutboxLease.until(at);
    inTx(tx -> {
      assertThat(tx.outbox().claimDue(at, lease, 100)).extracting(c -> c.notification().id()).contains(notification.id());
      assertThat(tx.outbox().markDead(notification.id(), lease, at, error)).isTrue();
    });
  }

  @Test
  void claim_returns_due_pending_notifications_oldest_first_exactly_as_enqueued() {
    Organisation acme = organisation("acme");
    Notification second = newNotification(acme.id(), "b@acme.test", at(10));
    Notification first = newNotification(acme.id(), "a@acme.test", at(0));
    Notification later = newNotification(acme.id(), "c@acme.test", at(20));
    enqueue(second, first, later);

    List<ClaimedNotification> claimed = claim(at(15), OutboxLease.until(at(75)), 10);

    assertThat(claimed).extracting(ClaimedNotification::notification).containsExactly(first, second);
    assertThat(claimed).extracting(ClaimedNotification::attempt).containsOnly(1);
  }

  @Test
  void claim_returns_at_most_the_limit_and_the_next_claim_takes_the_next_ones() {
    Organisation acme = organisation("acme");
    Notification first = newNotification(acme.id(), "a@acme.test", at(0));
    Notification second = newNotification(acme.id(), "b@acme.test", at(1));
    Notification third = newNotification(acme.id(), "c@acme.test", at(2));
    enqueue(first, second, third);

    assertThat(claim(at(60), OutboxLease.until(at(120)), 1)).extracting(ClaimedNotification::notification)
        .containsExactly(first);
    assertThat(claim(at(60), OutboxLease.until(at(120)), 5)).extracting(ClaimedNotification::notification)
        .containsExactly(second, third);
  }

  @Test
  void one_recipients_notifications_are_claimed_one_at_a_time_in_the_order_written_by_any_number_of_claims() {
    Organisation acme = organisation("acme");
    List<Notification> anns = writtenTo(acme, "ann@acme.test", 0, 1, 2);
    Notification first = anns.get(0);
    Notification second = anns.get(1);
    Notification third = anns.get(2);
    Notification bobs = newNotification(acme.id(), "bob@acme.test", at(3));
    enqueue(third, bobs, second, first);

    assertThat(claim(at(10), OutboxLease.until(at(70)), 10)).extracting(ClaimedNotification::notification)
        .containsExactly(first, bobs);
    // A second dispatcher, while the first is still sending: nothing of Ann's until hers is delivered.
    assertThat(claim(at(11), OutboxLease.until(at(71)), 10)).isEmpty();

    inTx(tx -> tx.outbox().markDelivered(first.id(), at(12)));
    assertThat(claim(at(13), OutboxLease.until(at(73)), 10)).extracting(ClaimedNotification::notification)
        .containsExactly(second);
    inTx(tx -> tx.outbox().markDelivered(second.id(), at(14)));
    assertThat(claim(at(15), OutboxLease.until(at(75)), 10)).extracting(ClaimedNotification::notification)
        .containsExactly(third);
  }

  @Test
  void a_failed_notification_holds_back_its_recipients_later_ones_until_it_is_delivered_or_given_up() {
    Organisation acme = organisation("acme");
    List<Notification> anns = writtenTo(acme, "ann@acme.test", 0, 1);
    Notification failing = anns.get(0);
    Notification next = anns.get(1);
    enqueue(failing, next);
    Notification bobs = newNotification(acme.id(), "bob@acme.test", at(2));
    OutboxLease lease = OutboxLease.until(at(60));
    assertThat(claim(at(5), lease, 10)).extracting(ClaimedNotification::notification).containsExactly(failing);
    assertThat(holds(tx -> tx.outbox().markFailed(failing.id(), lease, at(100), "java.io.IOException"))).isTrue();
    enqueue(bobs);

    assertThat(dueAt(at(50))).extracting(c -> c.notification().id()).containsExactly(bobs.id());

    OutboxLease retry = OutboxLease.until(at(160));
    assertThat(claim(at(100), retry, 10)).extracting(ClaimedNotification::notification)
        .containsExactly(bobs, failing);
    assertThat(holds(tx -> tx.outbox().markDead(failing.id(), retry, at(101), "java.io.IOException"))).isTrue();

    assertThat(dueAt(at(102))).extracting(c -> c.notification().id()).containsExactly(next.id());
  }

  @Test
  void a_claimed_notification_is_not_claimed_again_until_its_lease_ends_then_counts_another_attempt() {
    Organisation acme = organisation("acme");
    Notification notification = newNotification(acme.id(), "a@acme.test", at(0));
    enqueue(notification);
    claim(at(0), OutboxLease.until(at(600)), 10); // a dispatcher that then dies

    assertThat(claim(at(599), OutboxLease.until(at(1199)), 10)).isEmpty();
    assertThat(claim(at(600), OutboxLease.until(at(1200)), 10)).singleElement().satisfies(c -> {
      assertThat(c.notification()).isEqualTo(notification);
      assertThat(c.attempt()).isEqualTo(2);
    });
  }

  @Test
  void a_delivered_notification_is_never_claimed_again() {
    Organisation acme = organisation("acme");
    Notification delivered = newNotification(acme.id(), "a@acme.test", at(0));
    Notification waiting = newNotification(acme.id(), "b@acme.test", at(1));
    enqueue(delivered, waiting);
    OutboxLease lease = OutboxLease.until(at(62));
    claim(at(2), lease, 1);

    inTx(tx -> tx.outbox().markDelivered(delivered.id(), at(3)));

    assertThat(dueAt(at(99_999))).extracting(c -> c.notification().id()).containsExactly(waiting.id());
    assertThat(holds(tx -> tx.outbox().markFailed(delivered.id(), lease, at(90), "java.io.IOException"))).isFalse();
    assertThat(dueAt(at(99_999))).extracting(c -> c.notification().id()).containsExactly(waiting.id());
  }

  @Test
  void a_failed_notification_waits_until_its_next_attempt_and_counts_the_attempt() {
    Organisation acme = organisation("acme");
    Notification failing = newNotification(acme.id(), "a@acme.test", at(0));
    Notification other = newNotification(acme.id(), "b@acme.test", at(20));
    enqueue(failing);
    OutboxLease lease = OutboxLease.until(at(60));
    claim(at(0), lease, 10);
    enqueue(other);

    assertThat(holds(tx -> tx.outbox().markFailed(failing.id(), lease, at(30), "java.io.IOException"))).isTrue();

    assertThat(dueAt(at(29))).extracting(c -> c.notification().id()).containsExactly(other.id());
    assertThat(dueAt(at(30))).extracting(c -> c.notification().id()).containsExactly(other.id(), failing.id());
    assertThat(dueAt(at(30))).filteredOn(c -> c.notification().id().equals(failing.id())).singleElement()
        .satisfies(c -> {
          assertThat(c.attempt()).isEqualTo(2);
          assertThat(c.notification()).isEqualTo(failing);
        });
  }

  @Test
  void a_failure_recorded_under_a_lease_that_another_claim_took_over_changes_nothing() {
    Organisation acme = organisation("acme");
    Notification notification = newNotification(acme.id(), "a@acme.test", at(0));
    enqueue(notification);
    OutboxLease slow = OutboxLease.until(at(60));
    OutboxLease next = OutboxLease.until(at(120));
    claim(at(0), slow, 10);
    claim(at(60), next, 10);

    assertThat(holds(tx -> tx.outbox().markFailed(notification.id(), slow, at(61), "java.io.IOException"))).isFalse();
    assertThat(holds(tx -> tx.outbox().markDead(notification.id(), slow, at(61), "java.io.IOException"))).isFalse();

    assertThat(dueAt(at(119))).isEmpty();
    assertThat(deadLetters()).isEmpty();
    assertThat(holds(tx -> tx.outbox().markFailed(notification.id(), next, at(150), "java.io.IOException"))).isTrue();
    assertThat(dueAt(at(150))).singleElement().satisfies(c -> assertThat(c.attempt()).isEqualTo(3));
  }

  @Test
  void a_released_notification_is_due_again_with_its_attempt_uncounted_unless_another_claim_took_it_over() {
    Organisation acme = organisation("acme");
    Notification released = newNotification(acme.id(), "a@acme.test", at(0));
    Notification takenOver = newNotification(acme.id(), "b@acme.test", at(1));
    enqueue(released, takenOver);
    OutboxLease stopped = OutboxLease.until(at(60));
    claim(at(1), stopped, 10);
    inTx(tx -> tx.outbox().markFailed(takenOver.id(), stopped, at(2), "java.io.IOException"));
    claim(at(2), OutboxLease.until(at(600)), 10); // takenOver, by another dispatcher

    assertThat(count(tx -> tx.outbox().release(List.of(released.id(), takenOver.id()), stopped, at(5)))).isEqualTo(1);

    assertThat(dueAt(at(5))).singleElement().satisfies(c -> {
      assertThat(c.notification()).isEqualTo(released);
      assertThat(c.attempt()).isEqualTo(1);
    });
    assertThat(dueAt(at(599))).extracting(c -> c.notification().id()).containsExactly(released.id());
  }

  @Test
  void a_dead_letter_is_never_claimed_and_is_listed_with_its_link_attempts_and_error() {
    Organisation acme = organisation("acme");
    Notification dead = newNotification(acme.id(), "a@acme.test", at(0));
    Notification alive = newNotification(acme.id(), "b@acme.test", at(0));
    enqueue(dead, alive);
    OutboxLease lease = OutboxLease.until(at(60));
    inTx(tx -> tx.outbox().claimDue(at(0), OutboxLease.until(at(0)), 10)); // a first attempt, lease over at once
    claim(at(0), lease, 1);

    assertThat(holds(tx -> tx.outbox().markDead(dead.id(), lease, at(5), "java.io.IOException"))).isTrue();

    assertThat(dueAt(at(99_999))).extracting(c -> c.notification().id()).containsExactly(alive.id());
    assertThat(deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.notification()).isEqualTo(dead);
      assertThat(letter.notification().link()).isEqualTo(dead.link()).isPresent();
      assertThat(letter.attempts()).isEqualTo(2);
      assertThat(letter.lastError()).isEqualTo("java.io.IOException");
      assertThat(letter.deadSince()).isEqualTo(at(5));
    });
  }

  @Test
  void dead_letters_are_listed_oldest_first_in_pages() {
    Organisation acme = organisation("acme");
    List<Notification> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      all.add(newNotification(acme.id(), "n" + i + "@acme.test", at(0)));
    }
    enqueue(all.toArray(Notification[]::new));
    // Two die at the same instant: the id breaks the tie.
    killed(all.get(3), at(10), "java.io.IOException");
    killed(all.get(0), at(20), "java.io.IOException");
    killed(all.get(5), at(30), "java.io.IOException");
    killed(all.get(1), at(30), "java.io.IOException");
    killed(all.get(6), at(40), "java.io.IOException");
    List<NotificationId> tied = List.of(all.get(5).id(), all.get(1).id()).stream().sorted().toList();

    List<DeadLetter> walked = walk(2, request -> store().inTransaction(tx -> tx.outbox().deadLetters(request)));

    assertThat(walked).extracting(d -> d.notification().id())
        .containsExactly(all.get(3).id(), all.get(0).id(), tied.get(0), tied.get(1), all.get(6).id());
  }

  @Test
  void a_retried_dead_letter_is_due_at_once_with_no_attempt_counted_and_is_no_dead_letter_any_more() {
    Organisation acme = organisation("acme");
    Notification notification = newNotification(acme.id(), "a@acme.test", at(0));
    enqueue(notification);
    killed(notification, at(10), "java.io.IOException");

    assertThat(holds(tx -> tx.outbox().retry(notification.id(), at(100)))).isTrue();

    assertThat(deadLetters()).isEmpty();
    assertThat(dueAt(at(99))).isEmpty();
    assertThat(dueAt(at(100))).singleElement().satisfies(c -> {
      assertThat(c.notification()).isEqualTo(notification);
      assertThat(c.attempt()).isEqualTo(1);
    });
    assertThat(holds(tx -> tx.outbox().retry(notification.id(), at(200)))).as("retry of a pending one").isFalse();
  }

  @Test
  void a_discarded_dead_letter_is_gone_and_only_a_dead_letter_can_be_discarded() {
    Organisation acme = organisation("acme");
    Notification dead = newNotification(acme.id(), "a@acme.test", at(0));
    Notification pending = newNotification(acme.id(), "b@acme.test", at(0));
    enqueue(dead, pending);
    killed(dead, at(0), "java.io.IOException");

    assertThat(holds(tx -> tx.outbox().discard(pending.id()))).isFalse();
    assertThat(holds(tx -> tx.outbox().discard(NotificationId.random()))).isFalse();
    assertThat(holds(tx -> tx.outbox().discard(dead.id()))).isTrue();

    assertThat(deadLetters()).isEmpty();
    assertThat(holds(tx -> tx.outbox().retry(dead.id(), at(100)))).isFalse();
    assertThat(dueAt(at(99_999))).extracting(c -> c.notification().id()).containsExactly(pending.id());
    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.INVITATION, at(-1), 100))).isEqualTo(1);
  }

  @Test
  void purge_deletes_at_most_the_limit_of_notifications_delivered_before_the_instant_and_nothing_else() {
    Organisation acme = organisation("acme");
    Notification old1 = newNotification(acme.id(), "old1@acme.test", at(0));
    Notification old2 = newNotification(acme.id(), "old2@acme.test", at(0));
    Notification recent = newNotification(acme.id(), "recent@acme.test", at(0));
    Notification pending = newNotification(acme.id(), "pending@acme.test", at(0));
    Notification dead = newNotification(acme.id(), "dead@acme.test", at(0));
    enqueue(old1, old2, recent, pending, dead);
    killed(dead, at(1), "java.io.IOException");
    inTx(tx -> {
      tx.outbox().markDelivered(old1.id(), at(10));
      tx.outbox().markDelivered(old2.id(), at(20));
      tx.outbox().markDelivered(recent.id(), at(50));
    });

    assertThat(holds(tx -> tx.outbox().purgeDelivered(at(50), 1) == 1)).isTrue();
    assertThat(holds(tx -> tx.outbox().purgeDelivered(at(50), 10) == 1)).isTrue();
    assertThat(holds(tx -> tx.outbox().purgeDelivered(at(50), 10) == 0)).isTrue();

    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.INVITATION, at(-1), 100))).isEqualTo(3);
    assertThat(dueAt(at(99_999))).extracting(c -> c.notification().id()).containsExactly(pending.id());
    assertThat(deadLetters()).extracting(d -> d.notification().id()).containsExactly(dead.id());
    assertThat(holds(tx -> tx.outbox().purgeDelivered(at(51), 10) == 1)).isTrue();
    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.INVITATION, at(-1), 100))).isEqualTo(2);
  }

  @Test
  void count_written_counts_one_organisations_notifications_of_one_type_after_an_instant_up_to_a_cap() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    List<Notification> rows = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      rows.add(newNotification(acme.id(), "i" + i + "@acme.test", at(i * 10)));
    }
    rows.add(newNotification(globex.id(), "g@globex.test", at(30)));
    rows.add(new Notification(NotificationId.random(), NotificationType.JOIN_REQUEST_RECEIVED, Optional.of(acme.id()),
        EmailAddress.of("owner@acme.test"), Map.of(), Optional.empty(), at(30)));
    enqueue(rows.toArray(Notification[]::new));
    inTx(tx -> tx.outbox().markDelivered(rows.get(3).id(), at(45)));

    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.INVITATION, at(0), 100))).isEqualTo(5);
    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.INVITATION, at(10), 100)))
        .as("strictly after the instant").isEqualTo(4);
    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.INVITATION, at(0), 3))).isEqualTo(3);
    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.JOIN_REQUEST_RECEIVED, at(0), 100)))
        .isEqualTo(1);
    assertThat(count(tx -> tx.outbox().countWritten(globex.id(), NotificationType.INVITATION, at(0), 100))).isEqualTo(1);
  }

  @Test
  void a_delivery_marked_in_a_transaction_that_rolls_back_is_claimed_again() {
    Organisation acme = organisation("acme");
    Notification notification = newNotification(acme.id(), "a@acme.test", at(0));
    enqueue(notification);

    try {
      inTx(tx -> {
        tx.outbox().claimDue(at(1), OutboxLease.until(at(61)), 10);
        tx.outbox().markDelivered(notification.id(), at(1));
        throw new IllegalStateException("the dispatcher crashed");
      });
    } catch (IllegalStateException expected) {
      // neither the claim nor the delivery was recorded
    }

    assertThat(dueAt(at(2))).extracting(ClaimedNotification::notification).containsExactly(notification);
    assertThat(dueAt(at(2))).extracting(ClaimedNotification::attempt).containsExactly(1);
  }

  @Test
  void dispatchers_claiming_at_once_never_claim_the_same_notification_twice() throws Exception {
    Organisation acme = organisation("acme");
    List<Notification> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      all.add(newNotification(acme.id(), "n" + i + "@acme.test", at(i % 7)));
    }
    enqueue(all.toArray(Notification[]::new));
    ConcurrentLinkedQueue<NotificationId> claimed = new ConcurrentLinkedQueue<>();
    ExecutorService dispatchers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int d = 0; d < 4; d++) {
        runs.add(dispatchers.submit(() -> {
          while (true) {
            List<ClaimedNotification> batch = claim(at(60), OutboxLease.until(at(600)), 5);
            if (batch.isEmpty()) {
              return;
            }
            batch.forEach(c -> claimed.add(c.notification().id()));
          }
        }));
      }
      for (Future<?> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      dispatchers.shutdownNow();
    }

    assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all.stream().map(Notification::id).toList());
  }
}
