package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_THROTTLE;

import dev.membership.error.ConcurrentModificationException;
import dev.membership.jooq.internal.generated.tables.MembershipThrottle;
import dev.membership.jooq.internal.generated.tables.records.MembershipThrottleRecord;
import dev.membership.spi.ThrottleCounter;
import dev.membership.spi.ThrottleKey;
import dev.membership.spi.Throttles;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Throttle counters in {@code membership_throttle}, locked row by row in key order: insert the
 * missing rows (without touching existing ones), then {@code SELECT ... ORDER BY key_hash FOR UPDATE}.
 *
 * <p>On MariaDB/MySQL, {@code INSERT IGNORE} would put a <em>shared</em> lock on an existing row,
 * which two transactions would then both try to raise to the exclusive lock of {@code FOR UPDATE}: a
 * deadlock. {@code ON DUPLICATE KEY UPDATE} that changes nothing takes the exclusive lock at once.
 * PostgreSQL's {@code ON CONFLICT DO NOTHING} locks nothing it does not insert, and H2 gets jOOQ's
 * {@code MERGE}; a concurrent insert of the same key that H2 still reports as a duplicate is
 * waited for by the lock and the insert tried again (an H2 transaction survives a failed statement),
 * up to ten times before it is reported as a {@link ConcurrentModificationException}, which the
 * library retries.
 */
record JooqThrottles(DSLContext sql) implements Throttles {
  private static final MembershipThrottle T = MEMBERSHIP_THROTTLE;
  /** How often an H2 transaction tries to insert and lock its counters before it reports a race. */
  private static final int H2_ATTEMPTS = 10;

  @Override
  public List<ThrottleCounter> lock(Collection<ThrottleKey> keys, Instant now) {
    List<String> hexes = new TreeSet<>(keys).stream().map(ThrottleKey::hex).toList();
    if (hexes.isEmpty()) {
      return List.of();
    }
    for (int attempt = 1; ; attempt++) {
      try {
        insertMissing(hexes, now);
      } catch (DataAccessException e) {
        if (SqlErrors.uniqueViolation(e).isEmpty()) {
          throw e;
        }
        if (sql.dialect().family() != SQLDialect.H2 || attempt >= H2_ATTEMPTS) {
          ConcurrentModificationException raced = new ConcurrentModificationException("The throttle");
          raced.initCause(e);
          throw raced;
        }
        // H2 only: its MERGE saw no row, then met another transaction's insert of the same key. A failed
        // statement leaves an H2 transaction usable, so lock what is there, which waits for that
        // transaction, and insert again what it rolled back, if anything.
      }
      List<ThrottleCounter> locked = sql.selectFrom(T).where(T.KEY_HASH.in(hexes)).orderBy(T.KEY_HASH).forUpdate()
          .fetch(JooqThrottles::counter);
      if (locked.size() == hexes.size()) {
        return locked;
      }
      if (attempt >= H2_ATTEMPTS) {
        throw new ConcurrentModificationException("The throttle");
      }
    }
  }

  /** Inserts the counters of {@code hexes} that do not exist, leaving existing ones as they are. */
  private void insertMissing(List<String> hexes, Instant now) {
    InsertValuesStep5<MembershipThrottleRecord, String, Integer, Instant, Instant, Instant> insert =
        sql.insertInto(T, T.KEY_HASH, T.FAILURES, T.LAST_FAILURE_AT, T.LAST_SUCCESS_AT, T.EXPIRES_AT);
    for (String hex : hexes) {
      insert = insert.values(hex, 0, null, null, now);
    }
    switch (sql.dialect().family()) {
      case MARIADB, MYSQL -> insert.onDuplicateKeyUpdate().set(T.KEY_HASH, T.KEY_HASH).execute();
      default -> insert.onDuplicateKeyIgnore().execute();
    }
  }

  @Override
  public void save(Collection<ThrottleCounter> counters) {
    if (counters.size() == 1) {
      ThrottleCounter c = counters.iterator().next();
      update(c.failures(), c.lastFailureAt().orElse(null), c.lastSuccessAt().orElse(null), c.expiresAt(), c.key().hex())
          .execute();
      return;
    }
    if (counters.isEmpty()) {
      return;
    }
    // One prepared statement, one bind set per counter: one round trip where the driver batches.
    BatchBindStep batch = sql.batch(update(null, null, null, null, null));
    for (ThrottleCounter c : counters) {
      batch = batch.bind(c.failures(), c.lastFailureAt().orElse(null), c.lastSuccessAt().orElse(null), c.expiresAt(),
          c.key().hex());
    }
    batch.execute();
  }

  private Query update(@Nullable Integer failures, @Nullable Instant lastFailureAt, @Nullable Instant lastSuccessAt,
      @Nullable Instant expiresAt, @Nullable String hex) {
    return sql.update(T)
        .set(T.FAILURES, failures)
        .set(T.LAST_FAILURE_AT, lastFailureAt)
        .set(T.LAST_SUCCESS_AT, lastSuccessAt)
        .set(T.EXPIRES_AT, expiresAt)
        .where(T.KEY_HASH.eq(hex));
  }

  @Override
  public int purgeExpired(Instant now, int limit) {
    // Two statements: MariaDB takes no LIMIT in an IN subquery, PostgreSQL no LIMIT on a DELETE.
    List<String> expired = sql.select(T.KEY_HASH).from(T).where(T.EXPIRES_AT.le(now))
        .orderBy(T.EXPIRES_AT, T.KEY_HASH).limit(limit).fetch(T.KEY_HASH);
    if (expired.isEmpty()) {
      return 0;
    }
    return sql.deleteFrom(T).where(T.KEY_HASH.in(expired)).and(T.EXPIRES_AT.le(now)).execute();
  }

  private static ThrottleCounter counter(MembershipThrottleRecord r) {
    return new ThrottleCounter(new ThrottleKey(r.getKeyHash()), r.getFailures(), Optional.ofNullable(r.getLastFailureAt()),
        Optional.ofNullable(r.getLastSuccessAt()), r.getExpiresAt());
  }

  @Override
  public int delete(Collection<ThrottleKey> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    return sql.deleteFrom(T).where(T.KEY_HASH.in(keys.stream().map(ThrottleKey::hex).sorted().distinct().toList()))
        .execute();
  }
}
