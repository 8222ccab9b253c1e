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

/** A database of its own per test, and instances on it: what the fleet tests share. */
abstract class FleetBehaviourSupport {
  static final String PASSWORD = "correct horse battery staple";

  TestDatabase database;
  final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  final ConcurrentLinkedQueue<Notification> delivered = new ConcurrentLinkedQueue<>();

  abstract DatabaseKind kind();

  @BeforeEach
  void start() {
    database = TestDatabase.migrated(kind());
  }

  @AfterEach
  void stop() {
    if (database != null) {
      database.close();
    }
  }

  /** One more instance: its own pool (at most {@code poolSize} connections), its own sender. */
  Memberships instance(String name, int poolSize, NotificationSender sender) {
    HikariDataSource pool = database.newPool(name);
    pool.setMaximumPoolSize(poolSize);
    return Memberships.builder()
        .store(JooqMembershipStore.create(pool))
        .clock(clock)
        .policy(MembershipPolicy.defaults().withOutbox(MembershipPolicy.OutboxPolicy.defaults()
            .withLease(Duration.ofMinutes(1))))
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
        .notifications(sender)
        .deliverNotificationsAfterCommit(false)
        .build();
  }

  /** {@code count} notifications due now, written straight to the outbox. */
  List<NotificationId> queue(int count) {
    List<NotificationId> queued = new ArrayList<>();
    JooqMembershipStore store = JooqMembershipStore.create(database.dataSource());
    store.inTransaction(tx -> {
      for (int i = 0; i < count; i++) {
        Notification notification = new Notification(NotificationId.random(), NotificationType.ACCOUNT_CREATED,
            Optional.empty(), EmailAddress.of("n" + i + "@x.test"), Map.of(), Optional.empty(),
            clock.instant().minusSeconds(60));
        tx.outbox().enqueue(notification);
        queued.add(notification.id());
      }
      return null;
    });
    return queued;
  }
}
