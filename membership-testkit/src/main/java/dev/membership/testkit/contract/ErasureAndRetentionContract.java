package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import org.junit.jupiter.api.Nested;

/**
 * Erasure of a person and retention (issue 11, part 4), in one class as {@link
 * MembershipStoreContract} is for the rest: extend it, implement {@link #newStore()}, and JUnit runs
 * {@link ErasureContract} and {@link RetentionContract} against your store.
 */
public abstract class ErasureAndRetentionContract {

  /** An empty store for one test; called once before each test. */
  protected abstract MembershipStore newStore();

  /** Called after each test with the store {@link #newStore()} returned for it. */
  protected void releaseStore(MembershipStore store) {}

  @Nested
  class Erasure extends ErasureContract {
    @Override
    protected MembershipStore newStore() {
      return ErasureAndRetentionContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      ErasureAndRetentionContract.this.releaseStore(store);
    }
  }

  @Nested
  class Retention extends RetentionContract {
    @Override
    protected MembershipStore newStore() {
      return ErasureAndRetentionContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      ErasureAndRetentionContract.this.releaseStore(store);
    }
  }
}
