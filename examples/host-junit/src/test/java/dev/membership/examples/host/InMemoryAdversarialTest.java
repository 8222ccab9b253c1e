package dev.membership.examples.host;

import dev.membership.testkit.contract.AdversarialContract;

/** The testkit's public adversarial suite run outside the testkit, on the host's JUnit and AssertJ. */
@OnHostStores
class InMemoryAdversarialTest extends AdversarialContract {}
