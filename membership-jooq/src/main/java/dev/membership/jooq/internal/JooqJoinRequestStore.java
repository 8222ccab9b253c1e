package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.Codec.nanosOrNull;
import static dev.membership.jooq.internal.JooqRows.joinRequest;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.guardedUpdate;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;

import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipJoinRequest;
import dev.membership.spi.JoinRequestStore;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Requests to join in table {@code membership_join_request}, one pending per account and organisation.
 */
final class JooqJoinRequestStore implements JoinRequestStore {
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;

  private final DSLContext sql;

  JooqJoinRequestStore(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void insert(JoinRequest r) {
    guardedInsert(() -> sql.insertInto(J)
        .set(J.ID, r.id().toString())
        .set(J.ORGANISATION_ID, r.organisationId().toString())
        .set(J.ACCOUNT_ID, r.accountId().toString())
        .set(J.PENDING_ACCOUNT_ID, pendingAccount(r))
        .set(J.MESSAGE, r.message().orElse(null))
        .set(J.STATUS, r.status().name())
        .set(J.CREATED_AT, nanos(r.createdAt()))
        .set(J.DECIDED_BY, r.decidedBy().map(AccountId::toString).orElse(null))
        .set(J.DECIDED_AT, nanosOrNull(r.decidedAt()))
        .set(J.VERSION, r.version())
        .execute(),
        () -> new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending."));
  }

  @Override
  public JoinRequest update(JoinRequest r) {
    int updated = guardedUpdate(() -> sql.update(J)
        .set(J.PENDING_ACCOUNT_ID, pendingAccount(r))
        .set(J.MESSAGE, r.message().orElse(null))
        .set(J.STATUS, r.status().name())
        .set(J.DECIDED_BY, r.decidedBy().map(AccountId::toString).orElse(null))
        .set(J.DECIDED_AT, nanosOrNull(r.decidedAt()))
        .set(J.VERSION, r.version() + 1)
        .where(J.ID.eq(r.id().toString())
            .and(J.VERSION.eq(r.version()))
            .and(J.ORGANISATION_ID.eq(r.organisationId().toString()))
            .and(J.ACCOUNT_ID.eq(r.accountId().toString())))
        .execute(),
        () -> new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending."));
    requireUpdated(updated, "The join request");
    return new JoinRequest(r.id(), r.organisationId(), r.accountId(), r.message(), r.status(), r.createdAt(),
        r.decidedBy(), r.decidedAt(), r.version() + 1);
  }

  @Override
  public Optional<JoinRequest> find(JoinRequestId id) {
    return sql.selectFrom(J).where(J.ID.eq(id.toString())).fetchOptional().map(JooqRows::joinRequest);
  }

  @Override
  public Optional<JoinRequest> findPending(OrganisationId organisation, AccountId account) {
    return sql.selectFrom(J)
        .where(J.ORGANISATION_ID.eq(organisation.toString()).and(J.PENDING_ACCOUNT_ID.eq(account.toString())))
        .fetchOptional()
        .map(JooqRows::joinRequest);
  }

  private static String pendingAccount(JoinRequest r) {
    return r.status() == JoinRequestStatus.PENDING ? r.accountId().toString() : null;
  }
}
