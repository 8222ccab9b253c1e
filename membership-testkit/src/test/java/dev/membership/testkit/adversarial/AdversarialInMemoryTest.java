package dev.membership.testkit.adversarial;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.contract.AdversarialContract;

/** The adversarial suite on the in-memory store; the jOOQ store runs the same suite on real databases. */
class AdversarialInMemoryTest extends AdversarialContract {

  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
