package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.migrations.MembershipMigrations;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.query.MemberCounts;
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
import java.util.Set;
import dev.membership.spi.MembershipStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The migration scripts on an empty database, a migrated one, and a host's schema. */
abstract class MigrationsBehaviour {
  static final List<String> TABLES = List.of("membership_account", "membership_account_event",
      "membership_audit_event", "membership_domain", "membership_entitlement",
      "membership_invitation", "membership_invitation_grant", "membership_join_request", "membership_member",
      "membership_member_count", "membership_member_grant", "membership_organisation", "membership_outbox", "membership_role",
      "membership_sign_up", "membership_throttle", "membership_application", "membership_application_change",
      "membership_client_policy", "membership_client_report", "membership_entitlement_notice",
      "membership_organisation_deletion", "membership_former_owner");

  abstract DatabaseKind kind();

  @Test
  void the_scripts_create_every_table_in_an_empty_database() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      int scripts = pending(database);
      int applied = MembershipMigrations.migrate(database.dataSource());

      assertThat(applied).isEqualTo(scripts).isPositive();
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

      int scripts = pending(database);
      int applied = MembershipMigrations.migrate(database.dataSource());

      assertThat(applied).isEqualTo(scripts).isPositive();
      assertThat(database.count("SELECT COUNT(*) FROM host_invoice")).isEqualTo(1);
      assertThat(database.count("SELECT COUNT(*) FROM flyway_schema_history")).isZero();
      assertThat(database.count("SELECT COUNT(*) FROM membership_member")).isZero();
    }
  }

  @Test
  void a_host_runs_the_scripts_with_its_own_flyway_configuration() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      int scripts = pending(database);
      var result = MembershipMigrations.configure(Flyway.configure()).dataSource(database.dataSource()).load().migrate();

      assertThat(result.migrationsExecuted).isEqualTo(scripts).isPositive();
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

  @Test
  void roles_made_before_version_4_get_their_name_keys_and_keep_their_look_alikes() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      MembershipMigrations.configure(Flyway.configure()).dataSource(database.dataSource()).target("1").load().migrate();
      String acme = "00000000-0000-7000-8000-000000000001";
      execute(database, "INSERT INTO membership_organisation (id, name, name_lower, status, created_at, version) "
          + "VALUES ('" + acme + "', 'Acme', 'acme', 'ACTIVE', 0, 0)");
      // Before version 4 only the lower-cased name was unique: a Cyrillic В passed for a Latin B.
      execute(database, "INSERT INTO membership_role (id, organisation_id, name, name_lower, permissions, version) "
          + "VALUES ('role-00000000-0000-7000-8000-000000000011', '" + acme + "', 'Billing', 'billing', 'VIEW_MEMBERS', 0)");
      execute(database, "INSERT INTO membership_role (id, organisation_id, name, name_lower, permissions, version) "
          + "VALUES ('role-00000000-0000-7000-8000-000000000012', '" + acme + "', '\u0412illing', '\u0432illing', 'VIEW_MEMBERS', 0)");
      execute(database, "INSERT INTO membership_role (id, organisation_id, name, name_lower, permissions, version) "
          + "VALUES ('role-00000000-0000-7000-8000-000000000013', '" + acme + "', 'Support', 'support', 'VIEW_MEMBERS', 0)");

      MembershipMigrations.migrate(database.dataSource());

      MembershipStore store = JooqMembershipStore.create(database.dataSource());
      OrganisationId organisation = OrganisationId.of(acme);
      List<Role> roles = store.inTransaction(tx -> tx.roles().list(organisation));
      assertThat(roles).extracting(Role::name)
          .containsExactly("Owner", "Admin", "Member", "Billing", "Support", "\u0412illing");
      for (String taken : List.of("BILLING", "SUPPORT", "\u0405upport")) {
        assertThatThrownBy(() -> store.inTransaction(tx -> {
          tx.roles().insert(Role.custom(organisation, taken, Set.of()));
          return null;
        })).as(taken).isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLE_NAME_TAKEN));
      }
    }
  }

  @Test
  void a_database_at_version_6_gets_member_counts_that_equal_its_rows_and_no_organisation_is_discoverable() {
    try (TestDatabase database = TestDatabase.create(kind())) {
      MembershipMigrations.configure(Flyway.configure()).dataSource(database.dataSource()).target("6").load().migrate();
      String acme = "00000000-0000-7000-8000-000000000001";
      String globex = "00000000-0000-7000-8000-000000000002";
      for (String organisation : List.of(acme, globex)) {
        execute(database, "INSERT INTO membership_organisation (id, name, name_lower, status, created_at, version) "
            + "VALUES ('" + organisation + "', 'Org', 'org', 'ACTIVE', 0, 0)");
      }
      String[] statuses = {"ACTIVE", "ACTIVE", "ACTIVE", "DEACTIVATED", "REMOVED", "REMOVED"};
      for (int i = 0; i < statuses.length; i++) {
        String account = "00000000-0000-7000-8000-0000000001%02d".formatted(i);
        execute(database, "INSERT INTO membership_account (id, email, display_name, display_name_lower, password_hash, "
            + "credential_state, created_at, version) VALUES ('" + account + "', 'p" + i + "@acme.test', 'P', 'p', 'x', "
            + "'PERSONAL', 0, 0)");
        execute(database, "INSERT INTO membership_member (id, organisation_id, account_id, live_account_id, email, role_id, "
            + "status, origin, grant_keys, joined_at, updated_at, version) VALUES ('00000000-0000-7000-8000-0000000002%02d'"
            .formatted(i) + ", '" + acme + "', '" + account + "', " + (statuses[i].equals("REMOVED") ? "NULL" : "'" + account + "'")
            + ", 'p" + i + "@acme.test', 'member', '" + statuses[i] + "', 'INVITATION', '', 0, 0, 0)");
      }
      String[] invitations = {"PENDING", "PENDING", "ACCEPTED", "CANCELLED"};
      for (int i = 0; i < invitations.length; i++) {
        execute(database, "INSERT INTO membership_invitation (id, organisation_id, email, pending_email, role_id, grant_keys, "
            + "status, token_hash, expires_at, invited_by, send_count, created_at, updated_at, version) VALUES "
            + "('00000000-0000-7000-8000-0000000003%02d', '".formatted(i) + acme + "', 'i" + i + "@acme.test', "
            + (invitations[i].equals("PENDING") ? "'i" + i + "@acme.test'" : "NULL") + ", 'member', '', '" + invitations[i]
            + "', '" + "%064d".formatted(i) + "', 0, '00000000-0000-7000-8000-000000000100', 1, 0, 0, 0)");
      }

      MembershipMigrations.migrate(database.dataSource());

      MembershipStore store = JooqMembershipStore.create(database.dataSource());
      MemberCounts acmeCounts = store.inTransaction(tx -> tx.reads().memberCounts(OrganisationId.of(acme)));
      MemberCounts globexCounts = store.inTransaction(tx -> tx.reads().memberCounts(OrganisationId.of(globex)));
      assertThat(acmeCounts).isEqualTo(new MemberCounts(3, 1, 2, 2));
      assertThat(globexCounts).isEqualTo(MemberCounts.none());
      assertThat(store.inTransaction(tx -> tx.organisations().find(OrganisationId.of(acme))).orElseThrow().discoverable()).isFalse();
      assertThat(database.count("SELECT COUNT(*) FROM membership_member_count")).isEqualTo(8);
    }
  }

  /** How many of the library's migrations the database has still to run. */
  private static int pending(TestDatabase database) {
    return MembershipMigrations.configure(Flyway.configure()).dataSource(database.dataSource()).load().info().pending().length;
  }

  static void execute(TestDatabase database, String sql) {
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

}
