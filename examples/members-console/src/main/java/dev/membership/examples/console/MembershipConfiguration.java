package dev.membership.examples.console;

import dev.membership.Memberships;
import dev.membership.Outbox;
import dev.membership.examples.console.security.SessionTerminator;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.PasswordHasher;
import org.springframework.beans.factory.ObjectProvider;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.jooq.MembershipMigrations;
import java.net.URI;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;

/** Builds the one {@link Memberships} of the application from its ports. */
@Configuration(proxyBeanMethods = false)
public class MembershipConfiguration {

  /**
   * Where the data lives: the jOOQ store on the application's own {@link DataSource} (Spring Boot's
   * HikariCP pool from {@code spring.datasource.*}: embedded H2 by default, PostgreSQL by its JDBC URL),
   * with the library's migrations applied first.
   */
  @Bean
  MembershipStore membershipStore(DataSource dataSource) {
    MembershipMigrations.migrate(dataSource);
    return JooqMembershipStore.create(dataSource);
  }

  @Bean
  Memberships membership(MembershipStore store, NotificationSender sender, SessionTerminator sessions,
      ConsoleProperties properties, Environment environment, ObjectProvider<PasswordHasher> hasher,
      dev.membership.examples.console.web.AdminNotices notices) {
    Memberships.Builder builder = Memberships.builder();
    // The library's Argon2id unless the application defines a PasswordHasher bean (its tests count checks).
    hasher.ifAvailable(builder::passwordHasher);
    return builder
        .store(store)
        .notifications(sender)
        .invitationLinks(token -> link(properties, environment, "/invitations/", token))
        .emailVerificationLinks(token -> link(properties, environment, "/verify/", token))
        .listener(sessions)
        .listener(notices)
        .build();
  }

  /** Retries e-mails whose delivery failed (the outbox keeps them until they go). */
  @Bean
  OutboxRetry outboxRetry(Memberships membership) {
    return new OutboxRetry(membership);
  }

  /**
   * A link an e-mail carries (an invitation, or the confirmation of an address at sign-up): the
   * configured base address (required outside development mode); in development mode without one, this
   * server on localhost at the port it really listens on. Never the request's {@code Host} header: the
   * client sets it, and a link built from it would hand the token to whatever host it names.
   */
  static URI link(ConsoleProperties properties, Environment environment, String path, String token) {
    String base = !properties.baseUrl().isEmpty() ? properties.baseUrl()
        : "http://localhost:" + environment.getProperty("local.server.port",
            environment.getProperty("server.port", "8080"));
    return URI.create(base + path + token);
  }

  /**
   * What a host schedules for the outbox: due notifications handed to the sender again every minute,
   * delivered ones past their retention purged every hour.
   */
  public static final class OutboxRetry {
    private final Memberships membership;

    OutboxRetry(Memberships membership) {
      this.membership = membership;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void deliverDue() {
      membership.outbox().deliverDue();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    public void purgeDelivered() {
      while (membership.outbox().purgeDelivered() == Outbox.PURGE_BATCH) {
        // more were waiting: one bounded transaction after another
      }
    }
  }
}
