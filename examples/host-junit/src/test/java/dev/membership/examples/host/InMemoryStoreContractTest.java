package dev.membership.examples.host;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.contract.MembershipStoreContract;

/**
 * The testkit's public store contract subclassed outside the testkit, as the author of another store
 * does: its inherited {@code @Nested} areas run on the host's JUnit (here on the in-memory store).
 */
class InMemoryStoreContractTest extends MembershipStoreContract {
  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
