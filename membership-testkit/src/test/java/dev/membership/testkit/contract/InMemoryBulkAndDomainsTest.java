package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;

/** Bulk invitations and verified domains, on the in-memory store. */
class InMemoryBulkAndDomainsTest extends BulkAndDomainsContract {
  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
