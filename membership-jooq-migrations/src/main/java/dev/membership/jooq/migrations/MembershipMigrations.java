package dev.membership.jooq.migrations;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The schema of the jOOQ store ({@code membership-jooq}): versioned SQL scripts shipped in this jar
 * ({@code membership-jooq-migrations}) under
 * {@value #LOCATION} (and, where SQL cannot compute a value, a Java step in the same location's
 * package, {@code db.membership.migration}, which Flyway finds alike), applied by Flyway into their
 * own history table {@value #HISTORY_TABLE}, so that a host that runs Flyway for its own tables is
 * not disturbed.
 *
 * <p>Hosts that do not run Flyway call {@link #migrate(DataSource)} once at start-up (it is safe to
 * call on every start: a migrated database is left as it is). Hosts that do run Flyway add a second
 * Flyway for the library's scripts, next to their own:
 *
 * <pre>{@code
 * Flyway.configure()
 *     .dataSource(dataSource)
 *     .locations("classpath:db/membership/migration")
 *     .table("membership_schema_history")
 *     .baselineOnMigrate(true)      // the schema already holds the host's tables
 *     .baselineVersion("0")         // ... but none of the library's: apply them all
 *     .load()
 *     .migrate();
 * }</pre>
 *
 * <p>or, the same, {@code MembershipMigrations.configure(Flyway.configure()).dataSource(dataSource)}.
 * A host with another migration tool takes the scripts from the jar ({@code db/membership/migration/V*.sql},
 * in version order) and leaves Flyway out ({@code <exclusions>}); the one Java step,
 * {@code V4_1__Role_name_keys}, only rewrites roles stored before version 4, so a new database needs
 * none of it.
 * This module brings Flyway's support for H2, PostgreSQL and MariaDB/MySQL along
 * ({@code flyway-database-postgresql}, {@code flyway-mysql}); the host adds its JDBC driver. The tables
 * are all named {@code membership_*}.
 */
public final class MembershipMigrations {
  /** Where the scripts are, for Flyway's {@code locations}. */
  public static final String LOCATION = "classpath:db/membership/migration";

  /** Flyway's history table for the library's scripts. */
  public static final String HISTORY_TABLE = "membership_schema_history";

  private MembershipMigrations() {}

  /**
   * Brings the schema of {@code dataSource}'s default schema (PostgreSQL: the current schema; MariaDB:
   * the database of the URL) up to date.
   *
   * @return how many scripts were applied; 0 when it was up to date already
   */
  public static int migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return configure(Flyway.configure(MembershipMigrations.class.getClassLoader()))
        .dataSource(dataSource)
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /** Points a Flyway configuration at the library's scripts and history table. */
  public static FluentConfiguration configure(FluentConfiguration configuration) {
    return configuration
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0");
  }
}
