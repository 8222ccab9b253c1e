package dev.membership.testkit.adversarial;

import dev.membership.testkit.contract.AdversarialContract;
import dev.membership.testkit.contract.InMemoryStores;
import dev.membership.testkit.contract.StoresFrom;

/** The adversarial suite on the in-memory store; the jOOQ store runs the same suite on real databases. */
@StoresFrom(InMemoryStores.class)
class AdversarialInMemoryTest extends AdversarialContract {}
