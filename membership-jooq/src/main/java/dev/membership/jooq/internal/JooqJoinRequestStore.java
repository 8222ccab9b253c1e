package dev.membership.jooq.internal;

import org.jooq.Condition;
import dev.membership.domain.JoinRequestStatus;
import java.util.List;
import java.time.Instant;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.updateVersionedLater;
import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;

import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipJoinRequest;
import dev.membership.spi.JoinRequestStore;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Requests to join in table {@code membership_join_request}, one pending per account and organisation.
 */
record JooqJoinRequestStore(DSLContext sql, Deferred later, RenderedSql rendered) implements JoinRequestStore {
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;
  private static final org.jooq.Field<?>[] FIELDS = J.fields();
  private static final Supplier<ConflictException> PENDING =
      () -> new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending.");

  @Override
  public void insert(JoinRequest r) {
    // Kept for the unit of work's batch; the account's taken pending key is PENDING when it is sent.
    later.insert(record(r), PENDING);
  }

  @Override
  public JoinRequest update(JoinRequest r) {
    Condition key = J.ID.eq(r.id()).and(J.ORGANISATION_ID.eq(r.organisationId())).and(J.ACCOUNT_ID.eq(r.accountId()));
    // An answer frees the account's pending key and takes none: it goes with the unit of work's batch,
    // its row count checked there (a lost race is the same concurrent modification).
    return JooqRows.joinRequest(r.status() == JoinRequestStatus.PENDING
        ? updateVersioned(sql, record(r), J.VERSION, key, constraint -> PENDING.get(), "The join request", J.CREATED_AT)
        : updateVersionedLater(later, record(r), J.VERSION, List.of(J.ID, J.ORGANISATION_ID, J.ACCOUNT_ID),
            "The join request", J.CREATED_AT));
  }

  @Override
  public Optional<JoinRequest> find(JoinRequestId id) {
    return rendered.fetch(sql, "joinRequest.find", FIELDS,
        () -> sql.select(FIELDS).from(J).where(J.ID.eq(RenderedSql.bind("id", J.ID))),
        new RenderedSql.Binds().put("id", id, J.ID), r -> JooqRows.joinRequest(r, 0)).stream().findFirst();
  }

  @Override
  public Optional<JoinRequest> findPending(OrganisationId organisation, AccountId account) {
    return rendered.fetch(sql, "joinRequest.findPending", FIELDS,
        () -> sql.select(FIELDS).from(J).where(J.ORGANISATION_ID.eq(RenderedSql.bind("org", J.ORGANISATION_ID))
            .and(J.PENDING_ACCOUNT_ID.eq(RenderedSql.bind("account", J.PENDING_ACCOUNT_ID)))),
        new RenderedSql.Binds().put("org", organisation, J.ORGANISATION_ID).put("account", account, J.PENDING_ACCOUNT_ID),
        r -> JooqRows.joinRequest(r, 0)).stream().findFirst();
  }

  @Override
  public int purgeAnswered(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    // Two statements, as the other purges: MariaDB takes no LIMIT in an IN subquery, PostgreSQL none on
    // a DELETE. A row another instance deleted meanwhile is deleted, and counted, once.
    Condition answered = J.DECIDED_AT.lt(before).and(J.STATUS.ne(JoinRequestStatus.PENDING));
    List<JoinRequestId> old = sql.select(J.ID).from(J).where(answered).orderBy(J.DECIDED_AT, J.ID).limit(limit)
        .fetch(J.ID);
    if (old.isEmpty()) {
      return 0;
    }
    return sql.deleteFrom(J).where(J.ID.in(old).and(answered)).execute();
  }
}
