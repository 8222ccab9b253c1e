package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.seek;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT_EVENT;

import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventId;
import dev.membership.domain.AccountId;
import dev.membership.jooq.internal.generated.tables.MembershipAccountEvent;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AccountEventStore;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import static org.jooq.impl.DSL.inline;

/**
 * The accounts' histories in table {@code membership_account_event}, in the transaction of the
 * {@link JooqStoreTransaction} that made it. A page is one indexed range read on
 * {@code (account_id, occurred_at, id)}.
 */
record JooqAccountEvents(DSLContext sql, Deferred later) implements AccountEventStore {
  private static final MembershipAccountEvent AE = MEMBERSHIP_ACCOUNT_EVENT;

  @Override
  public void append(AccountEvent event) {
    later.insert(record(event));
  }

  @Override
  public Page<AccountEvent> page(AccountId account, PageRequest page) {
    List<AccountEvent> rows = seek(sql.selectFrom(AE).where(AE.ACCOUNT_ID.eq(account))
            .orderBy(AE.OCCURRED_AT.desc(), AE.ID.desc()), page.after(), Instant::parse, AccountEventId::of, page.limit() + 1)
        .fetch(JooqRows::accountEvent);
    return Page.of(rows, page.limit(), e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }

  @Override
  public int deleteHistory(AccountId account) {
    return sql.deleteFrom(AE).where(AE.ACCOUNT_ID.eq(account)).execute();
  }
}
