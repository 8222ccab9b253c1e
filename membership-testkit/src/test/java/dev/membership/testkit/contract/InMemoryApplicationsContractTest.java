package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;

/** The applications contract (issue 11), run against the in-memory store. */
class InMemoryApplicationsContractTest extends ApplicationsContract {
  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
