package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Notification;
import dev.membership.domain.Organisation;
import dev.membership.spi.OutboxEntry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Port level: the outbox hands out due, undelivered notifications oldest first; a delivered one is
 * never claimed again; a failed one waits until its next attempt.
 */
public abstract class OutboxPortContract extends StoreContractSupport {

  @Test
  void claim_returns_due_undelivered_notifications_oldest_first_exactly_as_enqueued() {
    Organisation acme = organisation("acme");
    Notification second = newNotification(acme.id(), "b@acme.test", at(10));
    Notification first = newNotification(acme.id(), "a@acme.test", at(0));
    Notification later = newNotification(acme.id(), "c@acme.test", at(20));
    inTx(tx -> {
      tx.enqueue(second);
      tx.enqueue(first);
      tx.enqueue(later);
    });

    assertThat(list(tx -> tx.claimDueNotifications(at(15), 10)))
        .extracting(OutboxEntry::notification).containsExactly(first, second);
    assertThat(list(tx -> tx.claimDueNotifications(at(15), 10))).allSatisfy(entry -> {
      assertThat(entry.attempts()).isZero();
      assertThat(entry.nextAttemptAt()).isEqualTo(entry.notification().createdAt());
    });
  }

  @Test
  void claim_returns_at_most_the_limit() {
    Organisation acme = organisation("acme");
    Notification first = newNotification(acme.id(), "a@acme.test", at(0));
    inTx(tx -> {
      tx.enqueue(first);
      tx.enqueue(newNotification(acme.id(), "b@acme.test", at(1)));
      tx.enqueue(newNotification(acme.id(), "c@acme.test", at(2)));
    });

    assertThat(list(tx -> tx.claimDueNotifications(at(60), 1))).extracting(OutboxEntry::notification).containsExactly(first);
    assertThat(list(tx -> tx.claimDueNotifications(at(60), 2))).hasSize(2);
  }

  @Test
  void a_delivered_notification_is_never_claimed_again() {
    Organisation acme = organisation("acme");
    Notification delivered = newNotification(acme.id(), "a@acme.test", at(0));
    Notification waiting = newNotification(acme.id(), "b@acme.test", at(1));
    inTx(tx -> {
      tx.enqueue(delivered);
      tx.enqueue(waiting);
    });

    inTx(tx -> tx.markDelivered(delivered.id(), at(2)));

    assertThat(list(tx -> tx.claimDueNotifications(at(3600), 10))).extracting(e -> e.notification().id())
        .containsExactly(waiting.id());
  }

  @Test
  void a_failed_notification_waits_until_its_next_attempt_and_counts_the_failure() {
    Organisation acme = organisation("acme");
    Notification failing = newNotification(acme.id(), "a@acme.test", at(0));
    Notification other = newNotification(acme.id(), "b@acme.test", at(20));
    inTx(tx -> {
      tx.enqueue(failing);
      tx.enqueue(other);
    });

    inTx(tx -> tx.markFailed(failing.id(), at(30), "IOException"));

    assertThat(list(tx -> tx.claimDueNotifications(at(29), 10))).extracting(e -> e.notification().id())
        .containsExactly(other.id());
    assertThat(list(tx -> tx.claimDueNotifications(at(30), 10))).extracting(e -> e.notification().id())
        .containsExactly(other.id(), failing.id());
    assertThat(list(tx -> tx.claimDueNotifications(at(30), 10))).filteredOn(e -> e.notification().id().equals(failing.id()))
        .singleElement().satisfies(entry -> {
          assertThat(entry.attempts()).isEqualTo(1);
          assertThat(entry.nextAttemptAt()).isEqualTo(at(30));
          assertThat(entry.notification()).isEqualTo(failing);
        });
  }

  @Test
  void a_failed_notification_delivered_later_is_not_claimed_again() {
    Organisation acme = organisation("acme");
    Notification failing = newNotification(acme.id(), "a@acme.test", at(0));
    inTx(tx -> tx.enqueue(failing));
    inTx(tx -> tx.markFailed(failing.id(), at(30), "IOException"));
    inTx(tx -> tx.markFailed(failing.id(), at(90), "IOException"));

    assertThat(list(tx -> tx.claimDueNotifications(at(90), 10))).singleElement()
        .satisfies(entry -> assertThat(entry.attempts()).isEqualTo(2));
    inTx(tx -> tx.markDelivered(failing.id(), at(91)));

    assertThat(list(tx -> tx.claimDueNotifications(at(99_999), 10))).isEmpty();
  }

  @Test
  void a_delivery_marked_in_a_transaction_that_rolls_back_is_claimed_again() {
    Organisation acme = organisation("acme");
    Notification notification = newNotification(acme.id(), "a@acme.test", at(0));
    inTx(tx -> tx.enqueue(notification));

    try {
      inTx(tx -> {
        tx.markDelivered(notification.id(), at(1));
        throw new IllegalStateException("the dispatcher crashed");
      });
    } catch (IllegalStateException expected) {
      // the delivery was not recorded
    }

    assertThat(list(tx -> tx.claimDueNotifications(at(2), 10))).extracting(OutboxEntry::notification)
        .containsExactly(notification);
  }
}
