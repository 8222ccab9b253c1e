package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import org.junit.jupiter.api.Nested;

/**
 * Bulk invitations and verified domains (issue 11, part 3), in one class as {@link
 * MembershipStoreContract} is for the rest: extend it, implement {@link #newStore()}, and JUnit runs
 * {@link BulkInvitationsContract}, {@link DomainStoreContract} (the {@code domains()} port) and
 * {@link DomainsContract} against your store.
 */
public abstract class BulkAndDomainsContract {

  /** An empty store for one test; called once before each test. */
  protected abstract MembershipStore newStore();

  /** Called after each test with the store {@link #newStore()} returned for it. */
  protected void releaseStore(MembershipStore store) {}

  @Nested
  class BulkInvitations extends BulkInvitationsContract {
    @Override
    protected MembershipStore newStore() {
      return BulkAndDomainsContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      BulkAndDomainsContract.this.releaseStore(store);
    }
  }

  @Nested
  class DomainStore extends DomainStoreContract {
    @Override
    protected MembershipStore newStore() {
      return BulkAndDomainsContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      BulkAndDomainsContract.this.releaseStore(store);
    }
  }

  @Nested
  class Domains extends DomainsContract {
    @Override
    protected MembershipStore newStore() {
      return BulkAndDomainsContract.this.newStore();
    }

    @Override
    protected void releaseStore(MembershipStore store) {
      BulkAndDomainsContract.this.releaseStore(store);
    }
  }
}
