package dev.membership.testkit;

import dev.membership.spi.ThrottleCounter;
import dev.membership.spi.ThrottleKey;
import dev.membership.spi.Throttles;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The throttle counters of an {@link InMemoryMembershipStore}. The store runs one transaction at a
 * time, so {@link Throttles#lock} needs no lock of its own; writes go through the transaction's undo
 * log, so a transaction that throws leaves the counters as they were.
 */
final class InMemoryThrottles {
  /** The writes of one transaction, undone if it rolls back. */
  interface Writes {
    <K, V> void put(Map<K, V> map, K key, V value);

    <K, V> void remove(Map<K, V> map, K key);
  }

  private final Map<ThrottleKey, ThrottleCounter> counters = new HashMap<>();
  /** The same counters by expiry, so that a purge reads only expired ones however many there are. */
  private final NavigableMap<Expiry, ThrottleKey> byExpiry = new TreeMap<>();

  private record Expiry(Instant at, ThrottleKey key) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : key.compareTo(other.key);
    }
  }

  /** The counters as seen by one transaction. */
  Throttles in(Writes tx) {
    return new Throttles() {
      @Override
      public List<ThrottleCounter> lock(Collection<ThrottleKey> keys, Instant now) {
        Objects.requireNonNull(now, "now");
        return new TreeSet<>(keys).stream().map(key -> {
          ThrottleCounter counter = counters.get(key);
          if (counter == null) {
            counter = ThrottleCounter.empty(key, now);
            store(counter);
          }
          return counter;
        }).toList();
      }

      @Override
      public void save(Collection<ThrottleCounter> saved) {
        for (ThrottleCounter counter : saved) {
          ThrottleCounter before = counters.get(counter.key());
          if (before == null) {
            throw new IllegalStateException("a counter is saved only after it was locked");
          }
          tx.remove(byExpiry, new Expiry(before.expiresAt(), before.key()));
          store(counter);
        }
      }

      @Override
      public int purgeExpired(Instant now, int limit) {
        List<Expiry> expired = byExpiry.keySet().stream()
            .takeWhile(e -> !e.at().isAfter(now))
            .limit(limit)
            .toList();
        for (Expiry e : expired) {
          tx.remove(byExpiry, e);
          tx.remove(counters, e.key());
        }
        return expired.size();
      }

      @Override
      public int delete(Collection<ThrottleKey> keys) {
        int deleted = 0;
        for (ThrottleKey key : new TreeSet<>(keys)) {
          ThrottleCounter counter = counters.get(key);
          if (counter != null) {
            tx.remove(byExpiry, new Expiry(counter.expiresAt(), key));
            tx.remove(counters, key);
            deleted++;
          }
        }
        return deleted;
      }

      private void store(ThrottleCounter counter) {
        tx.put(counters, counter.key(), counter);
        tx.put(byExpiry, new Expiry(counter.expiresAt(), counter.key()), counter.key());
      }
    };
  }
}
