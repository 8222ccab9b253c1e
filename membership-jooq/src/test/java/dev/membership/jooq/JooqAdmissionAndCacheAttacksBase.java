package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.ReusedStore;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.contract.AdmissionAndCacheAttacksContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The testkit's attacks on accepting an invitation and on the access cache, on the jOOQ store: one
 * migrated database per class, emptied before every test; the races run on real row locks here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JooqAdmissionAndCacheAttacksBase extends AdmissionAndCacheAttacksContract {
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
