package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.contract.MembershipStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The testkit's whole store contract on the jOOQ store: one migrated database per class, emptied
 * before every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JooqContractBase extends MembershipStoreContract {
  private TestDatabase database;
  private JooqMembershipStore store;

  abstract DatabaseKind kind();

  @Override
  protected MembershipStore newStore() {
    if (database == null) {
      database = TestDatabase.migrated(kind());
      store = JooqMembershipStore.create(database.dataSource());
    }
    database.truncate();
    return store;
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
