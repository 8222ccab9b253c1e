package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;

/** The whole store contract, run against the in-memory store. */
class InMemoryStoreContractTest extends MembershipStoreContract {
  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
