package dev.membership;

import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.internal.Context;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;

/** The organisation's audit log: every change, who made it, to whom, when; newest first. */
public final class AuditLog {
  private final Context context;

  AuditLog(Context context) {
    this.context = context;
  }

  /** A page of the log. Needs {@code VIEW_AUDIT_LOG}. */
  public Page<AuditEvent> list(AccountId actor, OrganisationId organisation, PageRequest page) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_AUDIT_LOG);
      return tx.auditPage(organisation, page);
    });
  }
}
