package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.ReusedStore;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.contract.ErasureAndRetentionContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The testkit's erasure and retention contracts on the jOOQ store: one migrated database per class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JooqErasureAndRetentionBase extends ErasureAndRetentionContract {
  private ReusedStore stores;

  abstract DatabaseKind kind();

  @Override
  protected MembershipStore newStore() {
    if (stores == null) {
      stores = new ReusedStore(kind());
    }
    return stores.empty();
  }

  @AfterAll
  void dropDatabase() {
    if (stores != null) {
      stores.close();
    }
  }
}
