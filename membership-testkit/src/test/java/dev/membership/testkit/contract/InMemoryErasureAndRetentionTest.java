package dev.membership.testkit.contract;

/** Erasure of a person and retention, on the in-memory store. */
@StoresFrom(InMemoryStores.class)
class InMemoryErasureAndRetentionTest extends ErasureAndRetentionContract {}
