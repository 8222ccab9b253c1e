package dev.membership.testkit.contract;

/** The whole store contract, run against the in-memory store. */
@StoresFrom(InMemoryStores.class)
class InMemoryStoreContractTest extends MembershipStoreContract {}
