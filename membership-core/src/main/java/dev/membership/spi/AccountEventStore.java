package dev.membership.spi;

import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountId;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;

/**
 * The accounts' own histories: every change to who can sign in as an account ({@link AccountEvent}),
 * kept whether or not it happened through an organisation. Reached from a transaction by
 * {@link StoreTransaction#accountEvents()}.
 *
 * <p>Contract (the store contract suite checks each rule):
 *
 * <ul>
 *   <li>{@link #append} writes in the transaction it was reached from: the event commits with the
 *       change it records, and a transaction that rolls back leaves no event.
 *   <li>An event reads back equal to the one appended (id, account, actor, organisation, type, instant
 *       to the nanosecond, details).
 *   <li>{@link #page} returns only the account's own events, newest first, then id descending, keyset-
 *       paginated with an opaque cursor ({@code nextCursor} present exactly when more events follow),
 *       at a cost that does not grow with the length of the history.
 * </ul>
 */
public interface AccountEventStore {

  /** Appends the event to its account's history. */
  void append(AccountEvent event);

  /** The account's history, newest first, then id descending. */
  Page<AccountEvent> page(AccountId account, PageRequest page);

  /** Erasure of a person: deletes the account's whole history; returns how many events it deleted. */
  int deleteHistory(AccountId account);
}
