package dev.membership.examples.host;

import dev.membership.testkit.contract.MembershipStoreContract;

/**
 * The testkit's public store contract run outside the testkit, as the author of another store does:
 * the class names where its stores come from ({@link OnHostStores}, an annotation of the host's
 * that carries {@code @StoresFrom}) and its inherited {@code @Nested} areas run on the host's JUnit.
 */
@OnHostStores
class InMemoryStoreContractTest extends MembershipStoreContract {}
