package dev.membership.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.spi.NotificationSender;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.membership.spi.PasswordHasher;
import dev.membership.testkit.FastTestPasswordHasher;
import java.sql.DriverManager;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The dispatcher bean: it delivers what commands left in the outbox, and stops gracefully. */
class MembershipOutboxDispatcherTest {

  private static ApplicationContextRunner dispatching() {
    return MembershipAutoConfigurationTest.runner().withPropertyValues(
        "membership.outbox.deliver-after-commit=false",
        "membership.outbox.dispatcher.enabled=true",
        "membership.outbox.dispatcher.interval=100ms");
  }

  @Test
  void the_dispatcher_bean_delivers_what_commands_left_in_the_outbox() {
    dispatching().run(context -> {
      Memberships membership = context.getBean(Memberships.class);
      List<Notification> sent = context.getBean(MembershipAutoConfigurationTest.Host.class).sent;
      // Sign-up's verification e-mail leaves through the dispatcher too: wait for it.
      membership.accounts().register(dev.membership.command.Registration.of("ann@example.com", "Ann",
          MembershipAutoConfigurationTest.PASSWORD));
      assertThat(sent).isEmpty();
      awaitSent(sent, NotificationType.VERIFY_EMAIL);
    });
  }

  @Test
  void closing_the_context_lets_the_send_in_progress_finish_and_records_it_delivered() {
    CountDownLatch sending = new CountDownLatch(1);
    List<Notification> finished = new CopyOnWriteArrayList<>();
    NotificationSender slow = notification -> {
      sending.countDown();
      try {
        Thread.sleep(700);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      finished.add(notification);
    };
    String[] url = new String[1];
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MembershipAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:graceful;DB_CLOSE_DELAY=-1",
            "membership.base-url=https://app.example.com", "membership.outbox.deliver-after-commit=false",
            "membership.outbox.dispatcher.interval=100ms")
        .withBean(NotificationSender.class, () -> slow)
        .withBean(PasswordHasher.class, FastTestPasswordHasher::new)
        .run(context -> {
          url[0] = context.getEnvironment().getProperty("spring.datasource.url");
          context.getBean(Memberships.class).accounts().register(dev.membership.command.Registration.of(
              "ann@example.com", "Ann", MembershipAutoConfigurationTest.PASSWORD));
          assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
          // leaving run() closes the context while the sender sleeps
        });

    assertThat(finished).hasSize(1);
    try (Connection connection = DriverManager.getConnection(url[0], "sa", "");
        ResultSet rows = connection.createStatement().executeQuery(
            "SELECT COUNT(*) FROM membership_outbox WHERE delivered_at IS NOT NULL")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static void awaitSent(List<Notification> sent, NotificationType type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sent.stream().noneMatch(n -> n.type() == type)) {
      assertThat(System.nanoTime()).as("a %s delivered by the dispatcher within 10 s", type).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
