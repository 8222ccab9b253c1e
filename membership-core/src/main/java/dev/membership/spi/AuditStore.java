package dev.membership.spi;

import dev.membership.domain.AuditEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.query.AuditQuery;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;

/**
 * The organisations' audit logs, in the transaction they were reached from
 * ({@link StoreTransaction#audit()}): an event appended commits with the change it records.
 */
public interface AuditStore {

  /** Appends the event to its organisation's log. */
  void append(AuditEvent event);

  /**
   * The organisation's audit log, newest first, then id descending, filtered as the query says
   * ({@link AuditQuery#matches}), paged both ways ({@link Page#of(java.util.List, PageRequest,
   * java.util.function.Function)}).
   */
  Page<AuditEvent> page(OrganisationId organisation, AuditQuery query);

  /** The organisation's whole audit log, newest first, then id descending. */
  default Page<AuditEvent> page(OrganisationId organisation, PageRequest page) {
    return page(organisation, AuditQuery.all(page));
  }
}
