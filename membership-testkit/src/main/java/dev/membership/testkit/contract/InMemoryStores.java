package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;

/**
 * A new {@link InMemoryMembershipStore} for every test: {@code @StoresFrom(InMemoryStores.class)}
 * runs a contract suite on the testkit's own store.
 */
public final class InMemoryStores implements StoreSource {

  /** Made by the suites, once per test class. */
  public InMemoryStores() {}

  @Override
  public MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
