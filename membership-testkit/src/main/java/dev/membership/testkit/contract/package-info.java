/**
 * The public, abstract contract suite every {@link dev.membership.spi.MembershipStore} runs to prove
 * it keeps every rule: unique keys, optimistic versions, atomicity, tenancy, keyset pages, the
 * members page's filters, the outbox and the accounts' own histories (port level, straight through
 * {@code store.inTransaction}), and every capability of the library run through the facade on the
 * store (behaviour level). Extend {@link dev.membership.testkit.contract.MembershipStoreContract} and
 * implement {@code newStore()}, returning an empty store for each test; each area is also a public
 * abstract class of its own.
 */
@NullMarked
package dev.membership.testkit.contract;

import org.jspecify.annotations.NullMarked;
