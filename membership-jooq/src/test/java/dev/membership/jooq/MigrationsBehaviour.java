package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.OutboxLease;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The migration scripts on an empty database, a migrated one, and a host's schema. */
abstract class MigrationsBehaviour {
  /** How many scripts the jar ships (V1__membership_schema.sql, ..., V3__account_events.sql). */
  static final int SCRIPTS = scripts();
  static final List<String> TABLES = List.of("membership_account", "membership_account_event",
      "membership_audit_event", "membership_entitlement", "membership_existence_answer",
      "membership_invitation", "membership_invitation_grant", "membership_join_request", "membership_member",
      "membership_member_grant", "membership_organisation", "membership_outbox", "membership_role",
      "membership_sign_up");

  abstract DatabaseKind kind();

  @Test
  void the_scripts_create_every_table_in_an_empty_database() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      int applied = MembershipMigrations.migrate(database.dataSource());

      assertThat(applied).isEqualTo(SCRIPTS);
      for (String table : TABLES) {
        assertThat(database.count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
      }
      // Flyway quotes the names of its history table: on H2 they stay lower case.
      String history = kind() == DatabaseKind.H2
          ? "SELECT COUNT(*) FROM \"membership_schema_history\" WHERE \"version\" IN ('1', '3') AND \"success\""
          : "SELECT COUNT(*) FROM membership_schema_history WHERE version IN ('1', '3') AND success";
      assertThat(database.count(history)).isEqualTo(2);
    }
  }

  @Test
  void migrating_a_migrated_database_again_changes_nothing() {
    try (TestDatabase database = TestDatabase.migrated(kind())) {
      execute(database, "INSERT INTO membership_organisation (id, name, name_lower, status, created_at, version) "
          + "VALUES ('00000000-0000-7000-8000-000000000001', 'Acme', 'acme', 'ACTIVE', 0, 0)");

      int applied = MembershipMigrations.migrate(database.dataSource());

      assertThat(applied).isZero();
      assertThat(database.count("SELECT COUNT(*) FROM membership_organisation")).isEqualTo(1);
    }
  }

  @Test
  void a_schema_that_holds_the_hosts_own_tables_and_flyway_history_is_left_alone() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      execute(database, "CREATE TABLE host_invoice (id INTEGER NOT NULL PRIMARY KEY)");
      execute(database, "INSERT INTO host_invoice (id) VALUES (42)");
      execute(database, "CREATE TABLE flyway_schema_history (installed_rank INTEGER NOT NULL PRIMARY KEY)");

      int applied = MembershipMigrations.migrate(database.dataSource());

      assertThat(applied).isEqualTo(SCRIPTS);
      assertThat(database.count("SELECT COUNT(*) FROM host_invoice")).isEqualTo(1);
      assertThat(database.count("SELECT COUNT(*) FROM flyway_schema_history")).isZero();
      assertThat(database.count("SELECT COUNT(*) FROM membership_member")).isZero();
    }
  }

  @Test
  void a_host_runs_the_scripts_with_its_own_flyway_configuration() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      var result = MembershipMigrations.configure(Flyway.configure()).dataSource(database.dataSource()).load().migrate();

      assertThat(result.migrationsExecuted).isEqualTo(SCRIPTS);
      assertThat(MembershipMigrations.migrate(database.dataSource())).isZero();
    }
  }

  @Test
  void a_database_at_version_1_keeps_its_undelivered_notifications_due_through_the_outbox_migration() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      MembershipMigrations.configure(Flyway.configure()).dataSource(database.dataSource()).target("1").load().migrate();
      execute(database, "INSERT INTO membership_organisation (id, name, name_lower, status, created_at, version) "
          + "VALUES ('00000000-0000-7000-8000-000000000001', 'Acme', 'acme', 'ACTIVE', 0, 0)");
      execute(database, "INSERT INTO membership_outbox (id, notification_type, organisation_id, recipient, data, link, "
          + "created_at, attempts, next_attempt_at) VALUES ('00000000-0000-7000-8000-000000000002', 'INVITATION', "
          + "'00000000-0000-7000-8000-000000000001', 'ana@acme.test', '{}', 'https://app.test/i/secret', 0, 2, 0)");

      MembershipMigrations.migrate(database.dataSource());

      JooqMembershipStore store = JooqMembershipStore.create(database.dataSource());
      Instant now = Instant.parse("2026-01-05T09:00:00Z");
      List<ClaimedNotification> due = store.inTransaction(tx -> tx.outbox().claimDue(now, OutboxLease.until(now), 10));
      assertThat(due).singleElement().satisfies(claimed -> {
        assertThat(claimed.attempt()).isEqualTo(3);
        assertThat(claimed.notification().recipient().value()).isEqualTo("ana@acme.test");
        assertThat(claimed.notification().link()).isPresent();
      });
    }
  }

  /** How many migration scripts the jar ships. */
  static int scripts() {
    try {
      URL folder = MembershipMigrations.class.getResource("/db/membership/migration");
      String[] names = new File(folder.toURI()).list((dir, name) -> name.matches("V\\d+__.+\\.sql"));
      return names.length;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void execute(TestDatabase database, String sql) {
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

}
