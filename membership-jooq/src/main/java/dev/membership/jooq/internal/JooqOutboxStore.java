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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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

  /** The columns a claim reads, in order: what the sender needs, and the attempts counted so far. */
  private static final Field<?>[] CLAIM_FIELDS = {OB.ID, OB.NOTIFICATION_TYPE, OB.ORGANISATION_ID, OB.RECIPIENT,
      OB.DATA, OB.LINK, OB.CREATED_AT, OB.ATTEMPTS};
  /** The same table under another name, for the claim's look at a recipient's older notifications. */
  private static final MembershipOutbox OLDER = OB.as("older");

  private final DSLContext sql;
  private final Deferred later;
  private final RenderedSql rendered;
  private final SQLDialect dialect;

  JooqOutboxStore(DSLContext sql, Deferred later, RenderedSql rendered) {
    this.sql = sql;
    this.later = later;
    this.rendered = rendered;
    this.dialect = sql.dialect();
  }

  @Override
  public void enqueue(Notification n) {
    later.insert(record(n));
  }

  private static Condition pending() {
    return OB.DELIVERED_AT.isNull().and(OB.DEAD_AT.isNull());
  }

  /** The shape of a claim's locking read: its limit, and whether it skips rows locked by another claim. */
  private record ClaimShape(int limit, boolean skipLocked) {}

  /** The shape of a statement on {@code ids} rows given by key: {@code what} it does, and how many keys. */
  private record KeysShape(String what, int ids) {}

  /** A row a claim read, before its lease is written. */
  private record Due(NotificationId id, Notification notification, int attempts) {}

  /** Due now, read with the parameter {@code now}: not delivered, and its next attempt's time has come. */
  private static Condition due() {
    return OB.DELIVERED_AT.isNull().and(OB.NEXT_ATTEMPT_AT.le(RenderedSql.bind("now", OB.NEXT_ATTEMPT_AT)));
  }

  /** {@code OB.ID} is one of {@code ids} parameters {@code id0}, {@code id1}, ... */
  private static Condition idIn(int ids) {
    List<Field<NotificationId>> keys = new java.util.ArrayList<>(ids);
    for (int i = 0; i < ids; i++) {
      keys.add(RenderedSql.bind("id" + i, OB.ID));
    }
    return OB.ID.in(keys);
  }

  private static RenderedSql.Binds ids(RenderedSql.Binds binds, List<NotificationId> ids) {
    for (int i = 0; i < ids.size(); i++) {
      binds.put("id" + i, ids.get(i), OB.ID);
    }
    return binds;
  }

  @Override
  public List<ClaimedNotification> claimDue(Instant now, OutboxLease lease, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    boolean skipLocked = skipsLockedRows();
    // The statements are built and rendered once per shape (RenderedSql); a call binds its values.
    List<Due> rows = rendered.fetch(sql, new ClaimShape(limit, skipLocked), CLAIM_FIELDS, () -> {
      // Per recipient, only the oldest notification not yet delivered nor given up is claimable: the next
      // one waits until it is delivered or dead, so one recipient's notifications go in the order
      // written, never two at once, however many dispatchers claim. (An older one being sent is pending
      // too, so a concurrent claim also skips the recipient's later ones.)
      Condition oldestOfRecipient = DSL.notExists(DSL.selectOne().from(OLDER).where(
          OLDER.RECIPIENT.eq(OB.RECIPIENT)
              .and(OLDER.DELIVERED_AT.isNull())
              .and(OLDER.DEAD_AT.isNull())
              .and(OLDER.CREATED_AT.lt(OB.CREATED_AT)
                  .or(OLDER.CREATED_AT.eq(OB.CREATED_AT).and(OLDER.ID.lt(OB.ID))))));
      var query = sql.select(CLAIM_FIELDS).from(OB).where(due().and(oldestOfRecipient))
          .orderBy(OB.NEXT_ATTEMPT_AT, OB.ID).limit(DSL.inline(limit)).forUpdate();
      return skipLocked ? query.skipLocked() : query;
    }, new RenderedSql.Binds().put("now", now, OB.NEXT_ATTEMPT_AT), JooqOutboxStore::dueRow);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<NotificationId> ids = rows.stream().map(Due::id).toList();
    // Still due is checked again, so a row another dispatcher claimed between our read and our lock
    // (a database that re-reads no condition after waiting for a row lock) is not claimed twice.
    int claimed = rendered.execute(sql, new KeysShape("claim", ids.size()), () -> sql.update(OB)
            .set(OB.ATTEMPTS, OB.ATTEMPTS.plus(DSL.inline(1)))
            .set(OB.NEXT_ATTEMPT_AT, RenderedSql.bind("until", OB.NEXT_ATTEMPT_AT))
            .set(OB.LEASE_ID, RenderedSql.bind("lease", OB.LEASE_ID))
            .where(idIn(ids.size()).and(due())),
        ids(new RenderedSql.Binds(), ids).put("until", lease.until(), OB.NEXT_ATTEMPT_AT)
            .put("lease", lease.id().toString(), OB.LEASE_ID).put("now", now, OB.NEXT_ATTEMPT_AT));
    Set<NotificationId> ours = claimed == rows.size() ? Set.copyOf(ids)
        : sql.select(OB.ID).from(OB).where(OB.ID.in(ids).and(OB.LEASE_ID.eq(lease.id().toString()))).fetchSet(OB.ID);
    return rows.stream().filter(r -> ours.contains(r.id()))
        .map(r -> new ClaimedNotification(r.notification(), r.attempts() + 1)).toList();
  }

  /** A row of a claim's read, in the order of {@link #CLAIM_FIELDS}. */
  private static Due dueRow(Cells row) {
    NotificationId id = (NotificationId) row.get(0);
    String organisation = ((String) row.get(2)).strip();
    @SuppressWarnings("unchecked")
    Map<String, String> data = (Map<String, String>) row.get(4);
    String link = (String) row.get(5);
    Notification n = new Notification(id, (NotificationType) row.get(1),
        Optional.of(organisation).filter(o -> !o.isEmpty()).map(OrganisationId::of), (EmailAddress) row.get(3), data,
        Optional.ofNullable(link).map(URI::create), (Instant) row.get(6));
    return new Due(id, n, (Integer) row.get(7));
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
    rendered.execute(sql, "markDelivered", () -> sql.update(OB)
            .set(OB.DELIVERED_AT, RenderedSql.bind("at", OB.DELIVERED_AT))
            .set(OB.DEAD_AT, DSL.inline(null, OB.DEAD_AT))
            .set(OB.LINK, DSL.inline(null, OB.LINK))
            .set(OB.LAST_ERROR, DSL.inline(null, OB.LAST_ERROR))
            .set(OB.LEASE_ID, DSL.inline(null, OB.LEASE_ID))
            .where(OB.ID.eq(RenderedSql.bind("id", OB.ID)).and(OB.DELIVERED_AT.isNull())),
        new RenderedSql.Binds().put("at", at, OB.DELIVERED_AT).put("id", id, OB.ID));
  }

  @Override
  public boolean markFailed(NotificationId id, OutboxLease lease, Instant nextAttemptAt, String error) {
    return rendered.execute(sql, "markFailed", () -> sql.update(OB)
            .set(OB.NEXT_ATTEMPT_AT, RenderedSql.bind("next", OB.NEXT_ATTEMPT_AT))
            .set(OB.LAST_ERROR, RenderedSql.bind("error", OB.LAST_ERROR))
            .set(OB.LEASE_ID, DSL.inline(null, OB.LEASE_ID))
            .where(held()),
        held(new RenderedSql.Binds(), id, lease).put("next", nextAttemptAt, OB.NEXT_ATTEMPT_AT)
            .put("error", truncated(error), OB.LAST_ERROR)) == 1;
  }

  @Override
  public int release(Collection<NotificationId> ids, OutboxLease lease, Instant dueAt) {
    if (ids.isEmpty()) {
      return 0;
    }
    List<NotificationId> keys = List.copyOf(ids);
    return rendered.execute(sql, new KeysShape("release", keys.size()), () -> sql.update(OB)
            .set(OB.ATTEMPTS, OB.ATTEMPTS.minus(DSL.inline(1)))
            .set(OB.NEXT_ATTEMPT_AT, RenderedSql.bind("due", OB.NEXT_ATTEMPT_AT))
            .set(OB.LEASE_ID, DSL.inline(null, OB.LEASE_ID))
            .where(idIn(keys.size()).and(OB.LEASE_ID.eq(RenderedSql.bind("lease", OB.LEASE_ID))).and(pending())),
        ids(new RenderedSql.Binds(), keys).put("due", dueAt, OB.NEXT_ATTEMPT_AT)
            .put("lease", lease.id().toString(), OB.LEASE_ID));
  }

  @Override
  public boolean markDead(NotificationId id, OutboxLease lease, Instant at, String error) {
    return rendered.execute(sql, "markDead", () -> sql.update(OB)
            .set(OB.DEAD_AT, RenderedSql.bind("at", OB.DEAD_AT))
            .set(OB.NEXT_ATTEMPT_AT, DSL.inline(NEVER, OB.NEXT_ATTEMPT_AT))
            .set(OB.LAST_ERROR, RenderedSql.bind("error", OB.LAST_ERROR))
            .set(OB.LEASE_ID, DSL.inline(null, OB.LEASE_ID))
            .where(held()),
        held(new RenderedSql.Binds(), id, lease).put("at", at, OB.DEAD_AT)
            .put("error", truncated(error), OB.LAST_ERROR)) == 1;
  }

  /** Still pending and held under the lease of parameter {@code lease}: the row of parameter {@code id}. */
  private static Condition held() {
    return OB.ID.eq(RenderedSql.bind("id", OB.ID)).and(OB.LEASE_ID.eq(RenderedSql.bind("lease", OB.LEASE_ID)))
        .and(pending());
  }

  private static RenderedSql.Binds held(RenderedSql.Binds binds, NotificationId id, OutboxLease lease) {
    return binds.put("id", id, OB.ID).put("lease", lease.id().toString(), OB.LEASE_ID);
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
