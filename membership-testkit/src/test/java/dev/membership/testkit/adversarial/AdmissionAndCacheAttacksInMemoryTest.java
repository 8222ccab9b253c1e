package dev.membership.testkit.adversarial;

import dev.membership.testkit.contract.AdmissionAndCacheAttacksContract;
import dev.membership.testkit.contract.InMemoryStores;
import dev.membership.testkit.contract.StoresFrom;

/** The attacks on accepting and on the access cache, on the in-memory store; the jOOQ store runs them on real databases. */
@StoresFrom(InMemoryStores.class)
class AdmissionAndCacheAttacksInMemoryTest extends AdmissionAndCacheAttacksContract {}
