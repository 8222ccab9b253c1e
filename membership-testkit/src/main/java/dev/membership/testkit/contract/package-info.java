/**
 * The public, abstract contract suite every {@link dev.membership.spi.MembershipStore} runs to prove
 * it keeps every rule: unique keys, optimistic versions, atomicity, tenancy, keyset pages, the
 * members page's filters, the outbox and the accounts' own histories (port level, straight through
 * {@code store.inTransaction}), and every capability of the library run through the facade on the
 * store (behaviour level). Name a {@link dev.membership.testkit.contract.StoreSource} that hands out
 * an empty store for each test with {@link dev.membership.testkit.contract.StoresFrom} on a class that
 * extends {@link dev.membership.testkit.contract.MembershipStoreContract} (or any one suite: each area
 * is also a public abstract class of its own); {@link dev.membership.testkit.contract.ContractSuite}
 * says how, and how the older way (overriding {@code newStore()}) still works.
 */
@NullMarked
package dev.membership.testkit.contract;

import org.jspecify.annotations.NullMarked;
