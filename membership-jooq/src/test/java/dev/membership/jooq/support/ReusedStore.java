package dev.membership.jooq.support;

import dev.membership.jooq.JooqMembershipStore;
import dev.membership.spi.MembershipStore;

/**
 * One migrated database and its store for a whole test class, handed out empty to every test: the
 * contract suites want an empty store per test, and migrating a database per test would be slow.
 */
public final class ReusedStore implements AutoCloseable {
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
  public void close() {
    if (database != null) {
      database.close();
    }
  }
}
