package dev.membership.jooq.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.domain.Password;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;

/**
 * Another application instance in a JVM of its own, for the fleet tests: one {@link Memberships} on
 * the database at the JDBC URL it is given, doing one thing and printing what happened, a line each.
 *
 * <pre>
 *   FleetPeer URL USER guess EMAIL SOURCE COUNT   wrong sign-ins; prints the kind of each answer
 *   FleetPeer URL USER dispatch                   outbox().deliverDue(); prints SENT id per notification, until none is due
 * </pre>
 */
public final class FleetPeer {
  private FleetPeer() {}

  /** A sender's round trip to a mail service, short. */
  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void main(String[] args) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(args[0]);
    config.setUsername(args[1]);
    config.setPassword("");
    config.setMaximumPoolSize(4);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      Memberships membership = Memberships.builder()
          .store(JooqMembershipStore.create(pool))
          .passwordHasher(new FastTestPasswordHasher())
          .invitationLinks(token -> URI.create("https://app.test/i/" + token))
          .notifications(notification -> {
            System.out.println("SENT " + notification.id());
            System.out.flush();
            pause();
          })
          .deliverNotificationsAfterCommit(false)
          .build();
      switch (args[2]) {
        case "guess" -> {
          for (int i = 0; i < Integer.parseInt(args[5]); i++) {
            SignInResult result = membership.accounts().signIn(args[3], Password.of("peer guess " + i), args[4]);
            System.out.println("SIGN_IN " + result.getClass().getSimpleName());
          }
        }
        case "dispatch" -> {
          int delivered = 0;
          for (int sent = membership.outbox().deliverDue(); sent > 0; sent = membership.outbox().deliverDue()) {
            delivered += sent;
          }
          System.out.println("DELIVERED " + delivered);
        }
        default -> throw new IllegalArgumentException("unknown mode " + args[2]);
      }
    }
    System.out.flush();
  }
}
