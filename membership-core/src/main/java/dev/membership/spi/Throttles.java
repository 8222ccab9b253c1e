package dev.membership.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Throttle counters, kept in the store so that every instance of a fleet counts the same attempts:
 * sign-in and password changes, sign-ups per source, and the answers "this address has an account"
 * that "create user directly" gives per organisation and per acting account. Reached from a
 * transaction through {@link StoreTransaction#throttles()}. What a counter means is the library's
 * business; a store only keeps, locks and purges them.
 *
 * <p>Rules every implementation keeps (the contract suite checks each):
 *
 * <ul>
 *   <li>{@link #lock} is atomic: the counters it returns stay locked until the transaction ends, so
 *       that of two transactions locking the same key, the second reads what the first saved. Keys
 *       are locked in their sort order ({@link ThrottleKey#compareTo}), so two transactions locking
 *       overlapping keys do not deadlock (a database store that still reports a deadlock or a
 *       serialization failure throws {@link dev.membership.error.ConcurrentModificationException},
 *       and the library retries the short transaction).
 *   <li>A key without a counter gets {@link ThrottleCounter#empty} at {@code now}, stored at once.
 *   <li>Counters are stored exactly as saved (instants to the nanosecond) and never expire by
 *       themselves: {@link #purgeExpired} deletes them.
 * </ul>
 */
public interface Throttles {

  /**
   * The counters of {@code keys} (duplicates ignored), locked until the transaction ends and sorted
   * by key; a key that had none gets an empty one, stored.
   */
  List<ThrottleCounter> lock(Collection<ThrottleKey> keys, Instant now);

  /** Stores counters that {@link #lock} returned in this transaction, changed. */
  void save(Collection<ThrottleCounter> counters);

  /**
   * Deletes at most {@code limit} counters whose {@code expiresAt} is at or before {@code now},
   * those that expired first first; returns how many it deleted.
   */
  int purgeExpired(Instant now, int limit);

  /** Erasure of a person: deletes the counters of these keys, whatever their state; returns how many. */
  int delete(Collection<ThrottleKey> keys);
}
