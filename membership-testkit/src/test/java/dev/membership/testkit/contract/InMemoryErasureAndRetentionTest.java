package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;

/** Erasure of a person and retention, on the in-memory store. */
class InMemoryErasureAndRetentionTest extends ErasureAndRetentionContract {
  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
