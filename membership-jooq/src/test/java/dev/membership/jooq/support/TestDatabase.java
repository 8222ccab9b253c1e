package dev.membership.jooq.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.membership.jooq.migrations.MembershipMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own for one test class: a fresh in-memory H2, a fresh PostgreSQL schema, or a
 * fresh MariaDB database, so that test runs never see each other's rows. Closing it drops what it
 * created.
 *
 * <p>PostgreSQL and MariaDB are servers: where one is unreachable the tests skip with a message that
 * says so, except in CI ({@code CI=true}), where they fail, because there the servers are required.
 */
public final class TestDatabase implements AutoCloseable {
  /** The server's administrative database; override with {@code MEMBERSHIP_TEST_POSTGRES_URL}. */
  public static final String POSTGRES_URL =
      System.getenv().getOrDefault("MEMBERSHIP_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  /** The server's administrative database; override with {@code MEMBERSHIP_TEST_MARIADB_URL}. */
  public static final String MARIADB_URL =
      System.getenv().getOrDefault("MEMBERSHIP_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Tables in an order that deletes children before parents. */
  private static final List<String> TABLES = List.of("membership_former_owner", "membership_organisation_deletion", "membership_application_change", "membership_client_policy",
      "membership_application", "membership_client_report", "membership_entitlement_notice", "membership_domain",
      "membership_throttle", "membership_member_grant",
      "membership_invitation_grant", "membership_member", "membership_invitation", "membership_join_request",
      "membership_role", "membership_entitlement", "membership_audit_event", "membership_account_event",
      "membership_outbox", "membership_sign_up", "membership_account",
      "membership_organisation");

  private final DatabaseKind kind;
  private final String name;
  private final List<HikariDataSource> pools = new ArrayList<>();
  private final HikariDataSource dataSource;

  private TestDatabase(DatabaseKind kind, String name) {
    this.kind = kind;
    this.name = name;
    this.dataSource = newPool("main");
  }

  /** A fresh, empty, not yet migrated database of {@code kind}. */
  public static TestDatabase create(DatabaseKind kind) {
    String name = "mt_" + Long.toString(ProcessHandle.current().pid(), 36) + "_" + COUNTER.incrementAndGet() + "_"
        + Long.toString(System.nanoTime() % 1_000_000, 36);
    requireReachable(kind);
    switch (kind) {
      case H2 -> { }
      case POSTGRES -> admin(POSTGRES_URL, "postgres", "CREATE SCHEMA " + name);
      case MARIADB -> admin(MARIADB_URL, "root", "CREATE DATABASE " + name);
    }
    return new TestDatabase(kind, name);
  }

  /** A fresh database of {@code kind}, migrated. */
  public static TestDatabase migrated(DatabaseKind kind) {
    TestDatabase database = create(kind);
    MembershipMigrations.migrate(database.dataSource());
    return database;
  }

  public DatabaseKind kind() {
    return kind;
  }

  /** The main pool. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The JDBC URL of this database. */
  public String url() {
    return switch (kind) {
      case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
      case POSTGRES -> POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
      case MARIADB -> MARIADB_URL.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    };
  }

  public String user() {
    return switch (kind) {
      case H2 -> "sa";
      case POSTGRES -> "postgres";
      case MARIADB -> "root";
    };
  }

  /**
   * Another pool on the same database: a second application instance. Left at the driver's default
   * isolation (MariaDB: REPEATABLE READ), so the store must set READ COMMITTED itself.
   */
  public HikariDataSource newPool(String label) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name + "-" + label);
    config.setJdbcUrl(url());
    config.setUsername(user());
    config.setPassword("");
    config.setMaximumPoolSize(12);
    config.setMinimumIdle(0);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  /** Empties every table of the library. */
  public void truncate() {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.addBatch("DELETE FROM " + table);
      }
      statement.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot empty the test database", e);
    }
  }

  /** Runs one statement with the main pool; for assertions and fixtures. */
  public long count(String sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row of a query, as text; for assertions. */
  public List<String> strings(String sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    pools.forEach(HikariDataSource::close);
    switch (kind) {
      case H2 -> {
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        } catch (SQLException e) {
          // gone already
        }
      }
      case POSTGRES -> admin(POSTGRES_URL, "postgres", "DROP SCHEMA IF EXISTS " + name + " CASCADE");
      case MARIADB -> admin(MARIADB_URL, "root", "DROP DATABASE IF EXISTS " + name);
    }
  }

  private static void admin(String url, String user, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Skips (locally) or fails (in CI) when the server of {@code kind} cannot be reached. */
  public static void requireReachable(DatabaseKind kind) {
    String url = switch (kind) {
      case H2 -> null;
      case POSTGRES -> POSTGRES_URL;
      case MARIADB -> MARIADB_URL;
    };
    if (url == null) {
      return;
    }
    String user = kind == DatabaseKind.POSTGRES ? "postgres" : "root";
    try (Connection ignored = DriverManager.getConnection(url, user, "")) {
      // reachable
    } catch (SQLException e) {
      String server = kind == DatabaseKind.POSTGRES ? "PostgreSQL" : "MariaDB";
      String message = server + " is not reachable at " + url + " (" + e.getMessage()
          + "); start it as .ci/run does";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI requires the database servers: " + message, e);
      }
      Assumptions.abort("Skipped: " + message);
    }
  }
}
