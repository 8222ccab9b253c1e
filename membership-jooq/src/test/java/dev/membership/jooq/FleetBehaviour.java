package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.SignInResult;
import dev.membership.command.Registration;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.Race;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.OutboxLease;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.MutableClock;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fleet: several application instances (a connection pool and a {@link Memberships} each) on one
 * database, as behind a load balancer. The sign-in throttle is one for all of them; N outbox
 * dispatchers deliver each notification once, and at least once when one of them dies holding a
 * lease; nobody holds a connection or a row lock while the sender runs.
 */
abstract class FleetBehaviour extends FleetBehaviourSupport {
  @Test
  void failures_on_one_instance_hold_back_the_next_attempt_on_another() {
    Memberships a = instance("a", 4, delivered::add);
    Memberships b = instance("b", 4, delivered::add);
    a.accounts().register(Registration.of("ann@x.test", "Ann", PASSWORD));
    a.outbox().deliverDue();

    for (int i = 0; i < 5; i++) {
      Memberships through = i % 2 == 0 ? a : b;
      assertThat(through.accounts().signIn("ann@x.test", Password.of("wrong guess " + i), "203.0.113.5"))
          .isInstanceOf(SignInResult.Failed.class);
    }

    assertThat(b.accounts().signIn("ann@x.test", Password.of("wrong guess 6"), "203.0.113.5"))
        .isInstanceOf(SignInResult.Throttled.class);
    assertThat(a.accounts().signIn("ann@x.test", Password.of("wrong guess 7"), "203.0.113.5"))
        .isInstanceOf(SignInResult.Throttled.class);
  }

  @Test
  void four_dispatchers_on_four_instances_deliver_each_notification_exactly_once() {
    List<Memberships> fleet = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      fleet.add(instance("d" + i, 2, delivered::add));
    }
    List<NotificationId> queued = queue(400);

    List<Callable<?>> dispatchers = new ArrayList<>();
    for (Memberships instance : fleet) {
      dispatchers.add(() -> instance.outbox().deliverDue());
      dispatchers.add(() -> instance.outbox().deliverDue());
    }
    List<Race.Outcome> outcomes = Race.run(dispatchers);

    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
    assertThat(outcomes.stream().mapToInt(o -> (Integer) o.value()).sum()).isEqualTo(queued.size());
    assertThat(delivered.stream().map(Notification::id).toList())
        .hasSize(queued.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
    assertThat(database.count("SELECT COUNT(*) FROM membership_outbox WHERE delivered_at IS NULL")).isZero();
  }

  @Test
  void a_dispatcher_that_dies_holding_a_lease_leaves_its_notifications_to_the_others_once_the_lease_ends() {
    List<NotificationId> queued = queue(30);
    // What a dead instance leaves behind: notifications claimed under a lease, never recorded.
    JooqMembershipStore dead = JooqMembershipStore.create(database.dataSource());
    int claimed = dead.inTransaction(tx -> tx.outbox()
        .claimDue(clock.instant(), OutboxLease.until(clock.instant().plus(Duration.ofMinutes(1))), 20)).size();
    assertThat(claimed).isEqualTo(20);
    Memberships survivor = instance("survivor", 2, delivered::add);

    assertThat(survivor.outbox().deliverDue()).as("before the lease ends").isEqualTo(10);

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(survivor.outbox().deliverDue()).as("after the lease ended").isEqualTo(20);
    assertThat(delivered.stream().map(Notification::id).toList())
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
  }

  @Test
  void a_dispatcher_hung_in_the_sender_past_its_lease_means_at_least_once_the_hung_notification_twice_at_most() throws Exception {
    List<NotificationId> queued = queue(5);
    CountDownLatch hung = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Memberships stuck = instance("stuck", 2, notification -> {
      if (calls.getAndIncrement() == 0) {
        hung.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      delivered.add(notification);
    });
    Memberships survivor = instance("survivor", 2, delivered::add);
    Thread stuckThread = new Thread(() -> stuck.outbox().deliverDue(), "stuck-dispatcher");
    stuckThread.start();
    assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(survivor.outbox().deliverDue()).isEqualTo(5);
    release.countDown();
    stuckThread.join(10_000);

    Map<NotificationId, Long> times = delivered.stream()
        .collect(Collectors.groupingBy(Notification::id, Collectors.counting()));
    assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(queued);
    assertThat(times.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 2L));
    assertThat(times.values().stream().filter(n -> n == 2)).as("only the one hung in the sender").hasSize(1);
    assertThat(calls).as("the hung dispatcher sent nothing after its lease ran out").hasValue(1);
  }

  @Test
  void no_dispatcher_holds_a_connection_or_a_row_lock_while_the_sender_runs() {
    List<NotificationId> queued = queue(12);
    HikariDataSource[] pool = new HikariDataSource[1];
    HikariDataSource observer = database.newPool("observer");
    List<String> problems = new ArrayList<>();
    Set<String> lockedWhileSending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    NotificationSender checking = notification -> {
      int active = pool[0].getHikariPoolMXBean().getActiveConnections();
      if (active != 0) {
        problems.add(active + " connection(s) held while sending " + notification.id());
      }
      if (!lockable(observer, notification.id())) {
        lockedWhileSending.add(notification.id().toString());
      }
      delivered.add(notification);
    };
    HikariDataSource own = database.newPool("checked");
    pool[0] = own;
    Memberships checked = Memberships.builder()
        .store(JooqMembershipStore.create(own))
        .clock(clock)
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .notifications(checking)
        .deliverNotificationsAfterCommit(false)
        .build();

    assertThat(checked.outbox().deliverDue()).isEqualTo(queued.size());

    assertThat(problems).isEmpty();
    assertThat(lockedWhileSending).isEmpty();
  }

  /** Whether another connection can lock the notification's row at once (no lock is held on it). */
  private boolean lockable(HikariDataSource pool, NotificationId id) {
    String sql = "SELECT id FROM membership_outbox WHERE id = ? FOR UPDATE NOWAIT";
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, id.toString());
        statement.executeQuery().close();
        return true;
      } catch (SQLException lockedByAnother) {
        return false;
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
