package dev.membership.testkit.contract;

/** Bulk invitations and verified domains, on the in-memory store. */
@StoresFrom(InMemoryStores.class)
class InMemoryBulkAndDomainsTest extends BulkAndDomainsContract {}
