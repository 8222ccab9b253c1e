package dev.membership.examples.console;

import dev.membership.Membership;
import dev.membership.Outbox;
import dev.membership.examples.console.security.SessionTerminator;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.jooq.MembershipMigrations;
import java.net.URI;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Builds the one {@link Membership} of the application from its ports. */
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
  Membership membership(MembershipStore store, NotificationSender sender, SessionTerminator sessions,
      ConsoleProperties properties, Environment environment) {
    return Membership.builder()
        .store(store)
        .notifications(sender)
        .invitationLinks(token -> link(properties, environment, "/invitations/", token))
        .emailVerificationLinks(token -> link(properties, environment, "/verify/", token))
        .listener(sessions)
        .build();
  }

  /** Retries e-mails whose delivery failed (the outbox keeps them until they go). */
  @Bean
  OutboxRetry outboxRetry(Membership membership) {
    return new OutboxRetry(membership);
  }

  /**
   * A link an e-mail carries (an invitation, or the confirmation of an address at sign-up): the
   * configured base address; else the address the request came to; else (an e-mail sent from a
   * background job or at start-up) this server on localhost.
   */
  static URI link(ConsoleProperties properties, Environment environment, String path, String token) {
    String base;
    if (!properties.baseUrl().isBlank()) {
      base = properties.baseUrl();
    } else if (RequestContextHolder.getRequestAttributes() != null) {
      base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    } else {
      base = "http://localhost:" + environment.getProperty("local.server.port",
          environment.getProperty("server.port", "8080"));
    }
    return URI.create(base.replaceAll("/+$", "") + path + token);
  }

  /**
   * What a host schedules for the outbox: due notifications handed to the sender again every minute,
   * delivered ones past their retention purged every hour.
   */
  public static final class OutboxRetry {
    private final Membership membership;

    OutboxRetry(Membership membership) {
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
