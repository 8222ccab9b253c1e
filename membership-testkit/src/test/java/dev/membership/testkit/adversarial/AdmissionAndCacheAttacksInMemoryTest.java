package dev.membership.testkit.adversarial;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.contract.AdmissionAndCacheAttacksContract;

/** The attacks on accepting and on the access cache, on the in-memory store; the jOOQ store runs them on real databases. */
class AdmissionAndCacheAttacksInMemoryTest extends AdmissionAndCacheAttacksContract {

  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
