package dev.membership.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.Invitation;
import dev.membership.domain.Role;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.TransactionWork;
import dev.membership.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The retention schedule bean: on by default, hourly, switchable off; it purges; its failures are logged by code. */
class MembershipRetentionScheduleTest {

  @Test
  void the_retention_schedule_is_a_managed_bean_by_default_hourly_unless_turned_off() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MembershipAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:retention-default;DB_CLOSE_DELAY=-1",
            "membership.base-url=https://app.example.com", "membership.outbox.dispatcher.enabled=false")
        .withUserConfiguration(MembershipAutoConfigurationTest.Host.class)
        .run(context -> {
          assertThat(context).hasSingleBean(MembershipRetentionSchedule.class)
              .getBean(MembershipRetentionSchedule.class).matches(MembershipRetentionSchedule::isRunning);
          assertThat(context.getBean(MembershipProperties.class).retention().schedule().interval())
              .isEqualTo(Duration.ofHours(1));
        });
    MembershipAutoConfigurationTest.runner().run(context ->
        assertThat(context).hasNotFailed().doesNotHaveBean(MembershipRetentionSchedule.class));
  }

  @Test
  void the_schedule_purges_deleted_organisations_and_ended_invitations_past_their_retention() {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    MembershipAutoConfigurationTest.runner()
        .withPropertyValues("membership.retention.schedule.enabled=true",
            "membership.retention.schedule.interval=100ms")
        .withBean(MutableClock.class, () -> clock)
        .run(context -> {
          Memberships membership = context.getBean(Memberships.class);
          DataSource data = context.getBean(DataSource.class);
          AccountId ann = MembershipAutoConfigurationTest.account(membership,
              context.getBean(MembershipAutoConfigurationTest.Host.class).sent, "ann@example.com");
          var acme = membership.organisations().create(ann, "Acme");
          var globex = membership.organisations().create(ann, "Globex");
          Invitation cancelled = membership.invitations().invite(ann, globex.id(), Invite.of("bob@example.com", Role.MEMBER));
          membership.invitations().cancel(ann, globex.id(), cancelled.id());
          membership.organisations().delete(ann, acme.id(), "Acme");
          Thread.sleep(300); // runs of the schedule: nothing is due yet
          assertThat(count(data, "SELECT COUNT(*) FROM membership_organisation WHERE id = ?", acme.id())).isOne();

          clock.advance(Duration.ofDays(91));

          await(() -> count(data, "SELECT COUNT(*) FROM membership_organisation WHERE id = ?", acme.id()) == 0
              && count(data, "SELECT COUNT(*) FROM membership_invitation WHERE id = ?", cancelled.id()) == 0);
          assertThat(count(data, "SELECT COUNT(*) FROM membership_organisation WHERE id = ?", globex.id())).isOne();
        });
  }

  @Test
  void a_failed_run_is_logged_by_its_code_without_its_message_and_the_next_run_comes_all_the_same() {
    String secret = "row of ann@example.com";
    AtomicInteger calls = new AtomicInteger();
    MembershipStore failing = new MembershipStore() {
      @Override
      public <T> T inTransaction(TransactionWork<T> work) {
        // A refusal of the library first, then what a database driver throws, its message quoting data.
        throw calls.incrementAndGet() == 1 ? new ConcurrentModificationException(secret)
            : new IllegalStateException("INSERT ... VALUES ('" + secret + "')");
      }
    };
    Memberships membership = Memberships.builder().store(failing)
        .invitationLinks(token -> java.net.URI.create("https://app.example.com/invitations/" + token)).build();
    MembershipRetentionSchedule schedule = new MembershipRetentionSchedule(membership,
        new MembershipProperties.Schedule(true, Duration.ofHours(1), Duration.ofSeconds(1)));
    List<String> logged = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(MembershipRetentionSchedule.class.getName());
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      schedule.run();
      schedule.run();
    } finally {
      logger.removeHandler(handler);
    }

    // Each run tries both purges and logs each failure by its code, or its class, never its message.
    assertThat(logged).hasSize(4).allSatisfy(line -> assertThat(line).doesNotContain("ann@"));
    assertThat(logged.get(0)).startsWith("Purging deleted organisations").contains("CONCURRENT_MODIFICATION");
    assertThat(logged.subList(1, 4)).allSatisfy(line -> assertThat(line).contains("java.lang.IllegalStateException"));
    assertThat(logged.get(3)).startsWith("The retention purge");
  }

  private static long count(DataSource data, String sql, Object id) throws Exception {
    try (Connection connection = data.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id.toString());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static void await(CheckedCondition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.holds()) {
      assertThat(System.nanoTime()).as("purged by the schedule within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @FunctionalInterface
  private interface CheckedCondition {
    boolean holds() throws Exception;
  }
}
