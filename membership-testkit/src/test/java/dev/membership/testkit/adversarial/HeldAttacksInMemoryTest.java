package dev.membership.testkit.adversarial;

import dev.membership.spi.MembershipStore;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.contract.HeldAttacksContract;

/** The attacks on issue 7's rules on the in-memory store; the jOOQ store runs them on real databases. */
class HeldAttacksInMemoryTest extends HeldAttacksContract {

  @Override
  protected MembershipStore newStore() {
    return new InMemoryMembershipStore();
  }
}
