package dev.membership.testkit.adversarial;

import dev.membership.testkit.contract.HeldAttacksContract;
import dev.membership.testkit.contract.InMemoryStores;
import dev.membership.testkit.contract.StoresFrom;

/** The held attacks on the trust rules on the in-memory store; the jOOQ store runs them on real databases. */
@StoresFrom(InMemoryStores.class)
class HeldAttacksInMemoryTest extends HeldAttacksContract {}
