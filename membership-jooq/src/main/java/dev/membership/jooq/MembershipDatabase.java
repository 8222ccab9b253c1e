package dev.membership.jooq;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.membership.jooq.migrations.MembershipMigrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A migrated database with a HikariCP connection pool and a {@link JooqMembershipStore} on it: the
 * zero-setup way to run the library. Embedded H2 needs no server at all, in memory (tests, demos) or
 * in a file (a quickstart that keeps its data); {@link #connect} takes a PostgreSQL or MariaDB/MySQL
 * JDBC URL instead. Close it to close the pool (and shut an embedded H2 down).
 *
 * <pre>{@code
 * try (MembershipDatabase database = MembershipDatabase.h2File(Path.of("data/membership"))) {
 *   Membership membership = Membership.builder().store(database.store()) ... .build();
 * }
 * }</pre>
 *
 * <p>A host that has a pool already passes its own {@code DataSource} to
 * {@link MembershipMigrations#migrate} and {@link JooqMembershipStore#create(DataSource)} instead.
 */
public final class MembershipDatabase implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final JooqMembershipStore store;
  private final boolean embeddedH2;

  private MembershipDatabase(HikariDataSource dataSource, boolean embeddedH2) {
    this.dataSource = dataSource;
    this.embeddedH2 = embeddedH2;
    try {
      MembershipMigrations.migrate(dataSource);
      this.store = JooqMembershipStore.create(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /**
   * An H2 database in memory, named so that several can live in one JVM; it lives until
   * {@link #close()}.
   *
   * @param name letters, digits, {@code -} and {@code _}
   */
  public static MembershipDatabase h2InMemory(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,100}")) {
      throw new IllegalArgumentException("an in-memory database name is 1 to 100 letters, digits, '-' or '_'");
    }
    return new MembershipDatabase(pool("membership-h2-" + name,
        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", ""), true);
  }

  /**
   * An H2 database in a file, created if missing: {@code file} names it without H2's
   * {@code .mv.db} suffix, e.g. {@code data/membership} for {@code data/membership.mv.db}.
   */
  public static MembershipDatabase h2File(Path file) {
    Objects.requireNonNull(file, "file");
    String path = file.toAbsolutePath().normalize().toString();
    if (path.contains(";")) {
      // The path goes into the JDBC URL, where ';' starts H2 settings (e.g. INIT=RUNSCRIPT ...).
      throw new IllegalArgumentException("an H2 file path may not contain ';'");
    }
    return new MembershipDatabase(pool("membership-h2-file", "jdbc:h2:file:" + path + ";LOCK_TIMEOUT=10000", "sa", ""),
        true);
  }

  /**
   * A pool on a database server, e.g. {@code jdbc:postgresql://localhost:5432/app} or
   * {@code jdbc:mariadb://localhost:3306/app}, migrated. The driver must be on the class path.
   */
  public static MembershipDatabase connect(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    boolean embeddedH2 = jdbcUrl.startsWith("jdbc:h2:")
        && !jdbcUrl.startsWith("jdbc:h2:tcp:") && !jdbcUrl.startsWith("jdbc:h2:ssl:");
    return new MembershipDatabase(pool("membership", jdbcUrl, user, password), embeddedH2);
  }

  private static HikariDataSource pool(String name, String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);
    // The store works at READ COMMITTED; a pool set to it saves a round trip per transaction.
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new HikariDataSource(config);
  }

  /** The pooled, migrated data source. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The store on this database. */
  public JooqMembershipStore store() {
    return store;
  }

  /**
   * Closes the pool; an embedded H2 database is shut down (an in-memory one is gone). A server
   * database is left running.
   */
  @Override
  public void close() {
    if (dataSource.isClosed()) {
      return;
    }
    if (embeddedH2) {
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("SHUTDOWN");
      } catch (SQLException e) {
        // Closing the pool below closes the database as well.
      }
    }
    dataSource.close();
  }

  @Override
  public String toString() {
    return "MembershipDatabase[" + dataSource.getPoolName() + ", " + store.dialect() + "]";
  }
}
