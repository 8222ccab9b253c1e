package dev.membership.examples.host;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.contract.StoreSource;

/**
 * Where the host's contract tests get their stores, written once. Here a new in-memory store per
 * test stands for the host's own store; a host with a database opens it once for the test class
 * (constructor or first {@link #newStore()}), empties it in {@link #newStore()} and drops it in
 * {@link #close()}.
 */
final class HostStores implements StoreSource {

  @Override
  public MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
