package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
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
record JooqJoinRequestStore(DSLContext sql) implements JoinRequestStore {
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;
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
}
