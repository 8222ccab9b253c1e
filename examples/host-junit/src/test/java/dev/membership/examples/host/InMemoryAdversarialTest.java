package dev.membership.examples.host;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.contract.AdversarialContract;

/** The testkit's public adversarial suite subclassed outside the testkit, on the host's JUnit and AssertJ. */
class InMemoryAdversarialTest extends AdversarialContract {
  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
