package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.instant;
import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT_EVENT;

import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventId;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipAccountEvent;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountEventRecord;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AccountEventStore;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import static org.jooq.impl.DSL.inline;

/**
 * The accounts' histories in table {@code membership_account_event}, in the transaction of the
 * {@link JooqStoreTransaction} that made it. A page is one indexed range read on
 * {@code (account_id, occurred_at, id)}.
 */
final class JooqAccountEvents implements AccountEventStore {
  private static final MembershipAccountEvent AE = MEMBERSHIP_ACCOUNT_EVENT;

  private final DSLContext sql;

  JooqAccountEvents(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void append(AccountEvent event) {
    sql.insertInto(AE)
        .set(AE.ID, event.id().toString())
        .set(AE.ACCOUNT_ID, event.accountId().toString())
        .set(AE.ACTOR_ID, event.actor().toString())
        .set(AE.ORGANISATION_ID, event.organisationId().map(OrganisationId::toString).orElse(null))
        .set(AE.EVENT_TYPE, event.type().name())
        .set(AE.OCCURRED_AT, nanos(event.occurredAt()))
        .set(AE.DETAILS, Codec.json(event.details()))
        .execute();
  }

  @Override
  public Page<AccountEvent> page(AccountId account, PageRequest page) {
    Condition where = AE.ACCOUNT_ID.eq(account.toString());
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      long at = nanos(Codec.cursorInstant(key.get(0)));
      where = where.and(AE.OCCURRED_AT.le(at).and(AE.OCCURRED_AT.lt(at).or(AE.ID.lt(key.get(1)))));
    }
    List<AccountEvent> rows = sql.selectFrom(AE).where(where).orderBy(AE.OCCURRED_AT.desc(), AE.ID.desc())
        .limit(inline(page.limit() + 1))
        .fetch(JooqAccountEvents::event);
    return Page.of(rows, page.limit(), e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }

  private static AccountEvent event(MembershipAccountEventRecord r) {
    return new AccountEvent(AccountEventId.of(r.getId().strip()), AccountId.of(r.getAccountId().strip()),
        AccountId.of(r.getActorId().strip()),
        Optional.ofNullable(r.getOrganisationId()).map(String::strip).map(OrganisationId::of),
        AccountEventType.valueOf(r.getEventType()), instant(r.getOccurredAt()), Codec.map(r.getDetails()));
  }
}
