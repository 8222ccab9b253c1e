package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.seek;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_AUDIT_EVENT;

import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipAuditEvent;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AuditStore;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import static org.jooq.impl.DSL.inline;

/**
 * The audit logs in table {@code membership_audit_event}.
 */
record JooqAuditStore(DSLContext sql, Deferred later) implements AuditStore {
  private static final MembershipAuditEvent AU = MEMBERSHIP_AUDIT_EVENT;

  @Override
  public void append(AuditEvent event) {
    later.insert(record(event));
  }

  @Override
  public Page<AuditEvent> page(OrganisationId organisation, PageRequest page) {
    List<AuditEvent> rows = seek(sql.selectFrom(AU).where(AU.ORGANISATION_ID.eq(organisation))
            .orderBy(AU.OCCURRED_AT.desc(), AU.ID.desc()), page.after(), Instant::parse, AuditEventId::of, page.limit() + 1)
        .fetch(JooqRows::auditEvent);
    return Page.of(rows, page.limit(), e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }
}
