package dev.membership.testkit.adversarial;

import dev.membership.testkit.contract.KeptTextAttacksContract;
import dev.membership.testkit.contract.InMemoryStores;
import dev.membership.testkit.contract.StoresFrom;

/** The attacks on the kept texts, on the in-memory store; the jOOQ store runs them on real databases. */
@StoresFrom(InMemoryStores.class)
class KeptTextAttacksInMemoryTest extends KeptTextAttacksContract {}
