package dev.membership.jooq.support;

import dev.membership.jooq.JooqMembershipStore;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.contract.StoreSource;

/**
 * One migrated database and its store for a whole test class, handed out empty to every test: the
 * contract suites want an empty store per test, and migrating a database per test would be slow.
 * It is the {@link StoreSource} of {@link OnH2}, {@link OnPostgres} and {@link OnMariaDb} (through its
 * subclasses here), which the suites close after the class. A missing PostgreSQL or MariaDB server
 * fails the first test (with {@code CI=true}; see {@link TestDatabase#requireReachable}).
 */
public class ReusedStore implements StoreSource, AutoCloseable {
  private final DatabaseKind kind;
  private TestDatabase database;
  private JooqMembershipStore store;

  public ReusedStore(DatabaseKind kind) {
    this.kind = kind;
  }

  /** The store, on a database emptied of every row; migrated on first use. */
  public MembershipStore empty() {
    if (database == null) {
      database = TestDatabase.migrated(kind);
      store = JooqMembershipStore.create(database.dataSource());
    }
    database.truncate();
    return store;
  }

  @Override
  public MembershipStore newStore() {
    return empty();
  }

  @Override
  public void close() {
    if (database != null) {
      database.close();
    }
  }

  /** The source of {@link OnH2}. */
  public static final class H2 extends ReusedStore {
    public H2() {
      super(DatabaseKind.H2);
    }
  }

  /** The source of {@link OnPostgres}. */
  public static final class Postgres extends ReusedStore {
    public Postgres() {
      super(DatabaseKind.POSTGRES);
    }
  }

  /** The source of {@link OnMariaDb}. */
  public static final class MariaDb extends ReusedStore {
    public MariaDb() {
      super(DatabaseKind.MARIADB);
    }
  }
}
