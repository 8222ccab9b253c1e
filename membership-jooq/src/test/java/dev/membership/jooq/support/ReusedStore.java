package dev.membership.jooq.support;

import dev.membership.jooq.JooqMembershipStore;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.contract.StoreSource;

/**
 * The contract suites' stores on one database kind: one migrated database and its store for a whole
 * test class, handed out emptied of every row to every test (the suites want an empty store per
 * test, and migrating a database per test would be slow), dropped after the class. A test class
 * names it with {@link OnH2}, {@link OnPostgres} or {@link OnMariaDb}. A missing PostgreSQL or MariaDB
 * server fails the first test's {@link #newStore()} (with {@code CI=true}; see
 * {@link TestDatabase#requireReachable}).
 */
public abstract class ReusedStore implements StoreSource {
  private final DatabaseKind kind;
  private TestDatabase database;
  private JooqMembershipStore store;

  ReusedStore(DatabaseKind kind) {
    this.kind = kind;
  }

  /** The store, on a database emptied of every row; migrated on first use. */
  @Override
  public MembershipStore newStore() {
    if (database == null) {
      database = TestDatabase.migrated(kind);
      store = JooqMembershipStore.create(database.dataSource());
    }
    database.truncate();
    return store;
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
