package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.seek;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_OUTBOX;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipOutbox;
import dev.membership.jooq.internal.generated.tables.records.MembershipOutboxRecord;
import dev.membership.query.Cursor;
import dev.membership.query.DeadLetter;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.OutboxLease;
import dev.membership.spi.OutboxStore;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Result;
import org.jooq.SQLDialect;

/**
 * The outbox in {@code membership_outbox}, in SQL that runs unchanged on H2, PostgreSQL and
 * MariaDB/MySQL. A pending row has neither {@code delivered_at} nor {@code dead_at}; a claim counts
 * the attempt, writes its lease's id and moves {@code next_attempt_at} to the lease's end. A dead
 * letter's {@code next_attempt_at} is {@link #NEVER}, so the claim's condition needs no {@code
 * dead_at} (see V5: with one, a MariaDB claim by {@code SKIP LOCKED} returned no row while another
 * claim held the first ones).
 */
final class JooqOutboxStore implements OutboxStore {
  private static final MembershipOutbox OB = MEMBERSHIP_OUTBOX;
  private static final int LAST_ERROR_LENGTH = 1000;
  /** A dead letter's next attempt: never (the largest instant a BIGINT holds). */
  static final Instant NEVER = Codec.instant(Long.MAX_VALUE);

  private final DSLContext sql;
  private final Deferred later;
  private final SQLDialect dialect;

  JooqOutboxStore(DSLContext sql, Deferred later) {
    this.sql = sql;
    this.later = later;
    this.dialect = sql.dialect();
  }

  @Override
  public void enqueue(Notification n) {
    later.insert(record(n));
  }

  private static Condition pending() {
    return OB.DELIVERED_AT.isNull().and(OB.DEAD_AT.isNull());
  }

  @Override
  public List<ClaimedNotification> claimDue(Instant now, OutboxLease lease, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    Condition due = OB.DELIVERED_AT.isNull().and(OB.NEXT_ATTEMPT_AT.le(now));
    // Per recipient, only the oldest notification not yet delivered nor given up is claimable: the next
    // one waits until it is delivered or dead, so one recipient's notifications go in the order written,
    // never two at once, however many dispatchers claim. (An older one being sent is pending too, so
    // a concurrent claim also skips the recipient's later ones.)
    MembershipOutbox older = OB.as("older");
    Condition oldestOfRecipient = DSL.notExists(DSL.selectOne().from(older).where(
        older.RECIPIENT.eq(OB.RECIPIENT)
            .and(older.DELIVERED_AT.isNull())
            .and(older.DEAD_AT.isNull())
            .and(older.CREATED_AT.lt(OB.CREATED_AT)
                .or(older.CREATED_AT.eq(OB.CREATED_AT).and(older.ID.lt(OB.ID))))));
    var query = sql.selectFrom(OB).where(due.and(oldestOfRecipient)).orderBy(OB.NEXT_ATTEMPT_AT, OB.ID).limit(limit)
        .forUpdate();
    Result<MembershipOutboxRecord> rows = skipsLockedRows() ? query.skipLocked().fetch() : query.fetch();
    if (rows.isEmpty()) {
      return List.of();
    }
    Set<NotificationId> ids = rows.stream().map(MembershipOutboxRecord::getId).collect(Collectors.toSet());
    // Still due is checked again, so a row another dispatcher claimed between our read and our lock
    // (a database that re-reads no condition after waiting for a row lock) is not claimed twice.
    int claimed = sql.update(OB)
        .set(OB.ATTEMPTS, OB.ATTEMPTS.plus(1))
        .set(OB.NEXT_ATTEMPT_AT, lease.until())
        .set(OB.LEASE_ID, lease.id().toString())
        .where(OB.ID.in(ids).and(due))
        .execute();
    Set<NotificationId> ours = claimed == rows.size() ? ids
        : sql.select(OB.ID).from(OB).where(OB.ID.in(ids).and(OB.LEASE_ID.eq(lease.id().toString()))).fetchSet(OB.ID);
    return rows.stream().filter(r -> ours.contains(r.getId()))
        .map(r -> new ClaimedNotification(JooqRows.notification(r), r.getAttempts() + 1)).toList();
  }

  private boolean skipsLockedRows() {
    return switch (dialect.family()) {
      // H2 2.4 accepts SKIP LOCKED but then claimed nothing with ORDER BY and LIMIT: it waits instead.
      case POSTGRES, MARIADB, MYSQL -> true;
      default -> false;
    };
  }

  @Override
  public void markDelivered(NotificationId id, Instant at) {
    sql.update(OB)
        .set(OB.DELIVERED_AT, at)
        .setNull(OB.DEAD_AT)
        .setNull(OB.LINK)
        .setNull(OB.LAST_ERROR)
        .setNull(OB.LEASE_ID)
        .where(OB.ID.eq(id).and(OB.DELIVERED_AT.isNull()))
        .execute();
  }

  @Override
  public boolean markFailed(NotificationId id, OutboxLease lease, Instant nextAttemptAt, String error) {
    return sql.update(OB)
        .set(OB.NEXT_ATTEMPT_AT, nextAttemptAt)
        .set(OB.LAST_ERROR, truncated(error))
        .setNull(OB.LEASE_ID)
        .where(held(id, lease))
        .execute() == 1;
  }

  @Override
  public int release(Collection<NotificationId> ids, OutboxLease lease, Instant dueAt) {
    if (ids.isEmpty()) {
      return 0;
    }
    return sql.update(OB)
        .set(OB.ATTEMPTS, OB.ATTEMPTS.minus(1))
        .set(OB.NEXT_ATTEMPT_AT, dueAt)
        .setNull(OB.LEASE_ID)
        .where(OB.ID.in(ids)
            .and(OB.LEASE_ID.eq(lease.id().toString())).and(pending()))
        .execute();
  }

  @Override
  public boolean markDead(NotificationId id, OutboxLease lease, Instant at, String error) {
    return sql.update(OB)
        .set(OB.DEAD_AT, at)
        .set(OB.NEXT_ATTEMPT_AT, NEVER)
        .set(OB.LAST_ERROR, truncated(error))
        .setNull(OB.LEASE_ID)
        .where(held(id, lease))
        .execute() == 1;
  }

  private static Condition held(NotificationId id, OutboxLease lease) {
    return OB.ID.eq(id).and(OB.LEASE_ID.eq(lease.id().toString())).and(pending());
  }

  private static String truncated(String error) {
    String text = error == null ? "" : error;
    return text.length() > LAST_ERROR_LENGTH ? text.substring(0, LAST_ERROR_LENGTH) : text;
  }

  @Override
  public Page<DeadLetter> deadLetters(PageRequest page) {
    List<DeadLetter> rows = seek(sql.selectFrom(OB).where(OB.DEAD_AT.isNotNull()).orderBy(OB.DEAD_AT, OB.ID),
            page.after(), Instant::parse, NotificationId::of, page.limit() + 1)
        .fetch(r -> new DeadLetter(JooqRows.notification(r), r.getAttempts(), Optional.ofNullable(r.getLastError()).orElse(""),
            r.getDeadAt()));
    return Page.of(rows, page.limit(), d -> Cursor.encode(d.deadSince().toString(), d.notification().id().toString()));
  }

  @Override
  public boolean retry(NotificationId id, Instant now) {
    return sql.update(OB)
        .setNull(OB.DEAD_AT)
        .set(OB.ATTEMPTS, 0)
        .set(OB.NEXT_ATTEMPT_AT, now)
        .setNull(OB.LAST_ERROR)
        .setNull(OB.LEASE_ID)
        .where(deadLetter(id))
        .execute() == 1;
  }

  @Override
  public boolean discard(NotificationId id) {
    return sql.deleteFrom(OB).where(deadLetter(id)).execute() == 1;
  }

  private static Condition deadLetter(NotificationId id) {
    return OB.ID.eq(id).and(OB.DEAD_AT.isNotNull()).and(OB.DELIVERED_AT.isNull());
  }

  @Override
  public int purgeDelivered(Instant deliveredBefore, int limit) {
    if (limit <= 0) {
      return 0;
    }
    // No DELETE ... LIMIT on PostgreSQL: pick the rows on the index, then delete them by key.
    Condition old = OB.DELIVERED_AT.lt(deliveredBefore);
    Set<NotificationId> ids = sql.select(OB.ID).from(OB).where(old).limit(limit).fetchSet(OB.ID);
    if (ids.isEmpty()) {
      return 0;
    }
    return sql.deleteFrom(OB).where(OB.ID.in(ids).and(old)).execute();
  }

  @Override
  public int countWritten(OrganisationId organisation, NotificationType type, Instant since, int atMost) {
    if (atMost <= 0) {
      return 0;
    }
    return sql.fetchCount(sql.selectOne().from(OB)
        .where(OB.ORGANISATION_ID.eq(organisation.toString())
            .and(OB.NOTIFICATION_TYPE.eq(type))
            .and(OB.CREATED_AT.gt(since)))
        .limit(atMost));
  }

  @Override
  public int deleteTo(EmailAddress recipient) {
    // Served by the recipient index (V11).
    return sql.deleteFrom(OB).where(OB.RECIPIENT.eq(recipient)).execute();
  }
}
