package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Notification;
import dev.membership.domain.Organisation;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.OutboxLease;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Outbox claims on databases with {@code FOR UPDATE SKIP LOCKED} (PostgreSQL, MariaDB): a second
 * dispatcher takes the rows the first has not claimed instead of waiting. Mixed only into those
 * databases' store tests; on H2 the clause claimed nothing (with ORDER BY and LIMIT), so there
 * dispatchers wait for each other instead.
 */
interface SkipLockedClaims {

  /** The store tests this is mixed into. */
  default JooqStoreBehaviour store() {
    return (JooqStoreBehaviour) this;
  }

  @Test
  default void a_second_dispatcher_skips_the_notifications_another_one_has_claimed() throws Exception {
    Organisation acme = store().organisation("acme");
    List<Notification> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(JooqStoreBehaviour.notification(acme, "n" + i + "@x.test", JooqStoreBehaviour.T0.plusSeconds(i)));
    }
    store().inTx(tx -> all.forEach(tx.outbox()::enqueue));
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Instant now = JooqStoreBehaviour.T0.plusSeconds(10);
    CompletableFuture<List<ClaimedNotification>> first = CompletableFuture.supplyAsync(() -> store().tx((StoreTransaction tx) -> {
      List<ClaimedNotification> mine = tx.outbox().claimDue(now, OutboxLease.until(now.plusSeconds(600)), 2);
      claimed.countDown();
      JooqStoreBehaviour.await(release);
      return mine;
    }));
    assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();

    List<ClaimedNotification> second = store().tx((StoreTransaction tx) ->
        tx.outbox().claimDue(now, OutboxLease.until(now.plusSeconds(600)), 10));
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).extracting(e -> e.notification().id())
        .containsExactly(all.get(0).id(), all.get(1).id());
    assertThat(second).extracting(e -> e.notification().id()).containsExactly(all.get(2).id(), all.get(3).id());
  }

  @Test
  default void rows_skipped_while_being_claimed_stay_leased_to_their_claimer_until_the_lease_ends() throws Exception {
    Organisation acme = store().organisation("acme");
    List<Notification> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(JooqStoreBehaviour.notification(acme, "n" + i + "@x.test", JooqStoreBehaviour.T0.plusSeconds(i)));
    }
    store().inTx(tx -> all.forEach(tx.outbox()::enqueue));
    Instant now = JooqStoreBehaviour.T0.plusSeconds(10);
    OutboxLease firstLease = OutboxLease.until(now.plusSeconds(600));
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<List<ClaimedNotification>> first = CompletableFuture.supplyAsync(() -> store().tx((StoreTransaction tx) -> {
      List<ClaimedNotification> mine = tx.outbox().claimDue(now, firstLease, 2);
      claimed.countDown();
      JooqStoreBehaviour.await(release);
      return mine;
    }));
    assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
    List<ClaimedNotification> second = store().tx((StoreTransaction tx) ->
        tx.outbox().claimDue(now, OutboxLease.until(now.plusSeconds(6000)), 10));
    release.countDown();
    first.get(10, TimeUnit.SECONDS);

    // The first claim has committed: no row lock is left, only its lease.
    assertThat(store().tx((StoreTransaction tx) -> tx.outbox().claimDue(now.plusSeconds(599),
        OutboxLease.until(now.plusSeconds(1200)), 10))).isEmpty();
    List<ClaimedNotification> afterLease = store().tx((StoreTransaction tx) -> tx.outbox().claimDue(now.plusSeconds(600),
        OutboxLease.until(now.plusSeconds(1200)), 10));

    assertThat(second).extracting(e -> e.notification().id()).containsExactly(all.get(2).id(), all.get(3).id());
    assertThat(afterLease).extracting(e -> e.notification().id()).containsExactly(all.get(0).id(), all.get(1).id());
    assertThat(afterLease).extracting(ClaimedNotification::attempt).containsOnly(2);
  }
}
