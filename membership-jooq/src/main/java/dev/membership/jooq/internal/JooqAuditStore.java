package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.instant;
import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_AUDIT_EVENT;

import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipAuditEvent;
import dev.membership.query.AuditQuery;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AuditStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import static org.jooq.impl.DSL.inline;

/**
 * The audit logs in table {@code membership_audit_event}.
 */
final class JooqAuditStore implements AuditStore {
  private static final MembershipAuditEvent AU = MEMBERSHIP_AUDIT_EVENT;

  private final DSLContext sql;

  JooqAuditStore(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void append(AuditEvent event) {
    sql.insertInto(AU)
        .set(AU.ID, event.id().toString())
        .set(AU.ORGANISATION_ID, event.organisationId().toString())
        .set(AU.ACTOR_ID, event.actor().toString())
        .set(AU.ACTION, event.action().name())
        .set(AU.SUBJECT_ACCOUNT_ID, event.subjectAccount().map(AccountId::toString).orElse(null))
        .set(AU.SUBJECT, event.subject())
        .set(AU.OCCURRED_AT, nanos(event.occurredAt()))
        .set(AU.DETAILS, Codec.json(event.details()))
        .execute();
  }

  @Override
  public Page<AuditEvent> page(OrganisationId organisation, AuditQuery query) {
    PageRequest page = query.page();
    Condition where = AU.ORGANISATION_ID.eq(organisation.toString());
    if (!query.actions().isEmpty() && !query.actions().containsAll(Set.of(AuditAction.values()))) {
      where = where.and(AU.ACTION.in(query.actions().stream().map(Enum::name).toList()));
    }
    if (query.member().isPresent()) {
      // Served by the (organisation_id, actor_id, ...) and (organisation_id, subject_account_id, ...) indexes.
      String member = query.member().get().toString();
      where = where.and(AU.ACTOR_ID.eq(member).or(AU.SUBJECT_ACCOUNT_ID.eq(member)));
    }
    SqlSupport.InstantKeyset keyset = SqlSupport.instantKeyset(page, AU.OCCURRED_AT, AU.ID, true);
    List<AuditEvent> rows = sql.selectFrom(AU).where(keyset.and(where))
        .orderBy(keyset.order())
        .limit(inline(page.limit() + 1))
        .fetch(r -> new AuditEvent(AuditEventId.of(r.getId().strip()), OrganisationId.of(r.getOrganisationId().strip()),
            AccountId.of(r.getActorId().strip()), AuditAction.valueOf(r.getAction()),
            Optional.ofNullable(r.getSubjectAccountId()).map(String::strip).map(AccountId::of), r.getSubject(),
            instant(r.getOccurredAt()), Codec.map(r.getDetails())));
    return Page.of(rows, page, e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }
}
