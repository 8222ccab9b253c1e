package dev.membership.jooq.internal;

import org.jooq.Condition;
import dev.membership.domain.JoinRequestStatus;
import java.util.List;
import java.time.Instant;
import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.selectOne;

import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipJoinRequestRecord;
import dev.membership.spi.AcceptanceChecks;
import java.util.Objects;
import org.jooq.Field;
import org.jooq.Record;
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
record JooqJoinRequestStore(DSLContext sql) implements JoinRequestStore {
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final Supplier<ConflictException> PENDING =
      () -> new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending.");

  @Override
  public void insert(JoinRequest r) {
    guardedInsert(() -> sql.executeInsert(record(r)), PENDING);
  }

  @Override
  public JoinRequest update(JoinRequest r) {
    return JooqRows.joinRequest(updateVersioned(sql, record(r), J.VERSION,
        J.ID.eq(r.id()).and(J.ORGANISATION_ID.eq(r.organisationId())).and(J.ACCOUNT_ID.eq(r.accountId())),
        constraint -> PENDING.get(), "The join request", J.CREATED_AT));
  }

  @Override
  public Optional<JoinRequest> find(JoinRequestId id) {
    return sql.selectFrom(J).where(J.ID.eq(id)).fetchOptional(JooqRows::joinRequest);
  }

  @Override
  public Optional<JoinRequest> findPending(OrganisationId organisation, AccountId account) {
    return sql.selectFrom(J).where(J.ORGANISATION_ID.eq(organisation).and(J.PENDING_ACCOUNT_ID.eq(account)))
        .fetchOptional(JooqRows::joinRequest);
  }

  /**
   * {@link dev.membership.spi.StoreTransaction#acceptanceChecks} in one statement: the account and the
   * pending request outer-joined to one row, the live membership as a scalar subquery.
   */
  AcceptanceChecks acceptanceChecks(OrganisationId organisation, AccountId account) {
    Field<Boolean> live = field(exists(selectOne().from(M)
        .where(M.ORGANISATION_ID.eq(organisation).and(M.LIVE_ACCOUNT_ID.eq(account)))));
    Record row = Objects.requireNonNull(sql.select(live).select(A.fields()).select(J.fields())
        .from(selectOne().asTable("one"))
        .leftJoin(A).on(A.ID.eq(account))
        .leftJoin(J).on(J.ORGANISATION_ID.eq(organisation).and(J.PENDING_ACCOUNT_ID.eq(account)))
        .fetchOne(), "one row");
    MembershipAccountRecord found = JooqRows.slice(row, 1, A);
    MembershipJoinRequestRecord pending = JooqRows.slice(row, 1 + A.fields().length, J);
    return new AcceptanceChecks(found.getId() == null ? Optional.empty() : Optional.of(JooqRows.account(found)),
        Boolean.TRUE.equals(row.get(0, Boolean.class)),
        pending.getId() == null ? Optional.empty() : Optional.of(JooqRows.joinRequest(pending)));
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
