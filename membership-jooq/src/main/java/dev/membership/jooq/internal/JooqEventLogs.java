package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.seek;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT_EVENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_AUDIT_EVENT;

import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventId;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipAccountEvent;
import dev.membership.jooq.internal.generated.tables.MembershipAuditEvent;
import dev.membership.query.AuditQuery;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AccountEventStore;
import dev.membership.spi.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The two append-only logs: every organisation's audit log (table {@code membership_audit_event})
 * and every account's own history ({@code membership_account_event}). An entry is written with the
 * transaction's other deferred writes ({@link Deferred}); a page is one indexed range read, newest
 * first by {@code (occurred_at, id)}, in either direction: the audit log on its {@code
 * (organisation_id, ...)} indexes, with its filters, a history on {@code (account_id, occurred_at, id)}.
 */
record JooqEventLogs(DSLContext sql, Deferred later) implements AuditStore, AccountEventStore {
  private static final MembershipAuditEvent AU = MEMBERSHIP_AUDIT_EVENT;
  private static final MembershipAccountEvent AE = MEMBERSHIP_ACCOUNT_EVENT;

  // ---- the audit logs

  @Override
  public void append(AuditEvent event) {
    later.insert(record(event));
  }

  @Override
  public Page<AuditEvent> page(OrganisationId organisation, AuditQuery query) {
    PageRequest page = query.page();
    Condition where = AU.ORGANISATION_ID.eq(organisation);
    if (!query.actions().isEmpty() && !query.actions().containsAll(Set.of(AuditAction.values()))) {
      where = where.and(AU.ACTION.in(query.actions()));
    }
    if (query.member().isPresent()) {
      // Served by the (organisation_id, actor_id, ...) and (organisation_id, subject_account_id, ...) indexes (V7).
      AccountId member = query.member().get();
      where = where.and(AU.ACTOR_ID.eq(member).or(AU.SUBJECT_ACCOUNT_ID.eq(member)));
    }
    List<AuditEvent> rows = seek(sql.selectFrom(AU).where(where), page, AU.OCCURRED_AT, AU.ID, true,
            Instant::parse, AuditEventId::of)
        .fetch(JooqRows::auditEvent);
    return Page.of(rows, page, e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }

  @Override
  public int pseudonymise(AccountId account, EmailAddress email, String pseudonym) {
    // Served by the subject_account_id and subject indexes (V12), across every organisation.
    List<AuditEvent> about = sql.selectFrom(AU)
        .where(AU.SUBJECT_ACCOUNT_ID.eq(account).or(AU.SUBJECT.eq(email.value())))
        .fetch(JooqRows::auditEvent);
    if (about.isEmpty()) {
      return 0;
    }
    List<Query> updates = new ArrayList<>();
    for (AuditEvent event : about) {
      Map<String, String> details = new HashMap<>();
      event.details().forEach((key, value) -> details.put(key, value.replace(email.value(), pseudonym)));
      updates.add(sql.update(AU).set(AU.SUBJECT, pseudonym).set(AU.DETAILS, details).where(AU.ID.eq(event.id())));
    }
    sql.batch(updates).execute();
    return about.size();
  }

  // ---- the accounts' histories

  @Override
  public void append(AccountEvent event) {
    later.insert(record(event));
  }

  @Override
  public Page<AccountEvent> page(AccountId account, PageRequest page) {
    List<AccountEvent> rows = seek(sql.selectFrom(AE).where(AE.ACCOUNT_ID.eq(account)), page, AE.OCCURRED_AT, AE.ID,
            true, Instant::parse, AccountEventId::of)
        .fetch(JooqRows::accountEvent);
    // Forward only (the library asks no other way), so a page has no previous cursor, as the reference store's.
    return Page.of(rows, page.limit(), e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }

  @Override
  public int deleteHistory(AccountId account) {
    return sql.deleteFrom(AE).where(AE.ACCOUNT_ID.eq(account)).execute();
  }
}
