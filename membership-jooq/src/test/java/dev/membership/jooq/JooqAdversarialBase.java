package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.ReusedStore;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.contract.AdversarialContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The testkit's adversarial contract (attacks on tokens, tenancy, escalation, the last owner,
 * enumeration, secrets) on the jOOQ store: one migrated database per class, emptied before every
 * test. The races run on real row locks here. Link erasure in the outbox is proven by the store's own
 * tests, so the contract's outbox view stays empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JooqAdversarialBase extends AdversarialContract {
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
