package dev.membership.jooq;

import dev.membership.error.ConcurrentModificationException;
import dev.membership.jooq.internal.CurrentConnection;
import dev.membership.jooq.internal.JooqStoreTransaction;
import dev.membership.jooq.internal.ReadCommittedConnections;
import dev.membership.jooq.internal.RenderedSql;
import dev.membership.jooq.internal.SqlErrors;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.TransactionWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultConnectionProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.ThreadLocalTransactionProvider;
import org.jooq.tools.jdbc.JDBCUtils;
import org.jspecify.annotations.Nullable;

/**
 * The library's data in a SQL database: H2, PostgreSQL or MariaDB/MySQL, through jOOQ.
 *
 * <p>Each {@link #inTransaction unit of work} is one JDBC transaction at {@code READ COMMITTED} on a
 * connection of the given {@link DataSource} (use a pool, e.g. HikariCP): it commits when the work
 * returns and rolls back when it throws, rethrowing the work's exception unchanged. A transaction the
 * database aborts because of a concurrent one (a serialization failure or a deadlock) is reported as
 * {@link ConcurrentModificationException}, like a stale optimistic version.
 *
 * <p>The schema must be in place first: {@link dev.membership.jooq.migrations.MembershipMigrations#migrate(DataSource)}, or the
 * host's own Flyway (see {@link dev.membership.jooq.migrations.MembershipMigrations}). {@link MembershipDatabase} does both for the
 * zero-setup case.
 *
 * <pre>{@code
 * MembershipMigrations.migrate(dataSource);
 * MembershipStore store = JooqMembershipStore.create(dataSource);   // dialect read from the connection
 * }</pre>
 */
public final class JooqMembershipStore implements MembershipStore {
  /** Runs the transactions: the store's own configuration, or the host's. */
  private final DSLContext dsl;
  /** How the store's SQL is rendered, whoever's configuration runs it. */
  private final Settings settings;
  /** The store's own connections; {@code null} when the host's configuration runs the transactions. */
  private final @Nullable ReadCommittedConnections connections;
  /** The SQL of the fixed-shape statements, rendered once per store. */
  private final RenderedSql rendered = new RenderedSql();
  /** The connection of the read in progress on each thread, which {@link #reads} runs on. */
  private final CurrentConnection reading = new CurrentConnection();
  /** The store's configuration on {@link #reading}'s connection, derived once: a read derives nothing. */
  private final DSLContext reads;

  private JooqMembershipStore(DSLContext dsl, Settings settings, @Nullable ReadCommittedConnections connections) {
    this.dsl = dsl;
    this.settings = settings;
    this.connections = connections;
    this.reads = DSL.using(dsl.configuration().derive(reading));
  }

  /**
   * A store on {@code dataSource}, whose dialect is read from one of its connections.
   *
   * @throws IllegalArgumentException if the database is none of H2, PostgreSQL, MariaDB or MySQL
   */
  public static JooqMembershipStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * A store on {@code dataSource} speaking {@code dialect} (of the families H2, POSTGRES, MARIADB or
   * MYSQL), for when the connection does not tell it reliably, e.g. behind a proxy.
   */
  public static JooqMembershipStore create(DataSource dataSource, SQLDialect dialect) {
    return builder(dataSource).dialect(dialect).build();
  }

  /**
   * A store that runs through the host's own jOOQ configuration: its connections, its dialect, its
   * listeners and its {@link org.jooq.TransactionProvider}. With a provider whose nested transactions
   * become savepoints of the transaction in progress (jOOQ's {@link ThreadLocalTransactionProvider},
   * for one), each unit of work joins the host's transaction: it commits with the host's and rolls
   * back with it, while a unit of work that throws rolls back only to its savepoint.
   *
   * <p>The host then owns the isolation level. Use READ COMMITTED: under MariaDB/MySQL's default
   * REPEATABLE READ, a command that waited for the organisation's lock would not see what the holder
   * of the lock committed, and two owners demoting each other could both succeed. The host should also
   * deliver the outbox on a schedule with
   * {@code deliverNotificationsAfterCommit(false)}, because the library cannot see when the host
   * commits.
   */
  public static JooqMembershipStore create(Configuration hostConfiguration) {
    Objects.requireNonNull(hostConfiguration, "hostConfiguration");
    Builder.supported(hostConfiguration.dialect());
    // The host's configuration runs the transactions (so that its provider can nest them); only the
    // SQL of each unit of work is rendered with the store's settings.
    return new JooqMembershipStore(DSL.using(hostConfiguration), settings(SettingsTools.clone(hostConfiguration.settings())),
        null);
  }

  /** A store with more options: the dialect, and listeners that see every SQL statement. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The SQL dialect the store speaks. */
  public SQLDialect dialect() {
    return dsl.dialect();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    try {
      if (dsl.configuration().transactionProvider() instanceof ThreadLocalTransactionProvider) {
        // A host's thread-bound transactions nest only through jOOQ's contextual API.
        return dsl.transactionResult(() ->
            JooqStoreTransaction.write(work, DSL.using(dsl.configuration().derive(settings)), rendered));
      }
      if (connections != null) {
        return runOnOwnConnection(connections, work);
      }
      return dsl.transactionResult(configuration ->
          JooqStoreTransaction.write(work, DSL.using(configuration.derive(settings)), rendered));
    } catch (DataAccessException e) {
      throw concurrencyFailure(e);
    }
  }

  /** A transaction the database gave up on to let another through (a lost race) is a concurrent modification. */
  private static RuntimeException concurrencyFailure(DataAccessException e) {
    if (!SqlErrors.isConcurrencyFailure(e)) {
      return e;
    }
    ConcurrentModificationException lost = new ConcurrentModificationException("The data");
    lost.initCause(e);
    return lost;
  }

  /**
   * A read on a connection of the store's own in auto-commit: each statement is its own transaction,
   * so a read pays no {@code BEGIN}/{@code COMMIT} round trips. At {@code READ COMMITTED} a
   * statement inside a transaction sees no more than it does on its own. The read's configuration is
   * the store's, derived once on the calling thread's read connection ({@link CurrentConnection}).
   * With the host's configuration, a read joins the host's transaction as every unit of work does.
   */
  @Override
  public <T> T read(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    if (connections == null || dsl.configuration().transactionProvider() instanceof ThreadLocalTransactionProvider) {
      return inTransaction(work);
    }
    try {
      Connection connection = connections.acquire();
      try {
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
          connection.setAutoCommit(true);
        }
        try {
          return reading.with(connection, () -> work.run(new JooqStoreTransaction(reads, rendered)));
        } finally {
          if (!autoCommit) {
            connection.setAutoCommit(false);
          }
        }
      } catch (SQLException e) {
        throw new DataAccessException("The membership store's read failed", e);
      } finally {
        connections.release(connection);
      }
    } catch (DataAccessException e) {
      throw concurrencyFailure(e);
    }
  }

  /**
   * One JDBC transaction on a connection of the store's own, without jOOQ's transaction provider: it
   * reads the isolation level of every connection to restore it, which costs PostgreSQL a round trip
   * per transaction ({@code SHOW TRANSACTION ISOLATION LEVEL}) on the permission check's hot path.
   */
  private <T> T runOnOwnConnection(ReadCommittedConnections connections, TransactionWork<T> work) {
    Connection connection = connections.acquire();
    try {
      boolean autoCommit = connection.getAutoCommit();
      if (autoCommit) {
        connection.setAutoCommit(false);
      }
      try {
        T result = JooqStoreTransaction.write(work,
            DSL.using(dsl.configuration().derive(new DefaultConnectionProvider(connection))), rendered);
        connection.commit();
        return result;
      } catch (Throwable failure) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          failure.addSuppressed(rollback);
        }
        throw failure;
      } finally {
        if (autoCommit) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException("The membership store's transaction failed", e);
    } finally {
      connections.release(connection);
    }
  }

  private static Settings settings(Settings settings) {
    return settings
        // The migrations create unquoted names, which H2 folds to upper case and the others keep.
        .withRenderQuotedNames(RenderQuotedNames.NEVER)
        .withRenderNameCase(RenderNameCase.AS_IS)
        .withRenderSchema(false)
        .withRenderCatalog(false)
        // jOOQ's debug log prints statements with their bound values and fetched rows: password
        // hashes and invitation links would reach the host's logs.
        .withExecuteLogging(false);
  }

  @Override
  public String toString() {
    return "JooqMembershipStore[" + dsl.dialect() + "]";
  }

  /** Builds a {@link JooqMembershipStore}. */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable SQLDialect dialect;
    private final List<ExecuteListener> listeners = new ArrayList<>();

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The dialect to speak; by default it is read from a connection's metadata. */
    public Builder dialect(SQLDialect dialect) {
      this.dialect = supported(Objects.requireNonNull(dialect, "dialect"));
      return this;
    }

    /**
     * Sees every statement the store runs, e.g. for metrics or statement counts. Most statements'
     * texts are rendered once per store and shape and run on JDBC directly: the hot reads (the
     * permission check, the members page, an account's organisations) and the reads of inviting,
     * accepting, approving and of the outbox's delivery are each announced as one {@code READ}
     * statement with its text and bound values, without a jOOQ {@code Query} and without records. The
     * writes a command keeps for its end (its new rows, audit entries, outbox rows, guarded status
     * changes, member counts) are announced as one statement: on PostgreSQL one text of several parts
     * ({@code ctx.sql()} the whole text, {@code ctx.batchSQL()} the parts, {@code ctx.batchRows()}
     * each part's count), elsewhere one jOOQ batch.
     */
    public Builder executeListener(ExecuteListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The store; reads the dialect from a connection unless one was given.
     *
     * @throws IllegalArgumentException if the database is none of H2, PostgreSQL, MariaDB or MySQL
     */
    public JooqMembershipStore build() {
      SQLDialect chosen = dialect != null ? dialect : detect(dataSource);
      DefaultConfiguration configuration = new DefaultConfiguration();
      ReadCommittedConnections connections = new ReadCommittedConnections(dataSource);
      configuration.set(connections);
      configuration.set(chosen);
      Settings settings = settings(new Settings());
      configuration.set(settings);
      if (!listeners.isEmpty()) {
        configuration.set(listeners.stream().map(DefaultExecuteListenerProvider::new)
            .toArray(DefaultExecuteListenerProvider[]::new));
      }
      return new JooqMembershipStore(DSL.using(configuration), settings, connections);
    }

    private static SQLDialect detect(DataSource dataSource) {
      try (Connection connection = dataSource.getConnection()) {
        return supported(JDBCUtils.dialect(connection));
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot read the database's dialect from a connection", e);
      }
    }

    static SQLDialect supported(SQLDialect dialect) {
      return switch (dialect.family()) {
        case H2, POSTGRES, MARIADB, MYSQL -> dialect;
        default -> throw new IllegalArgumentException(
            "The membership store runs on H2, PostgreSQL, MariaDB or MySQL, not " + dialect);
      };
    }
  }
}
