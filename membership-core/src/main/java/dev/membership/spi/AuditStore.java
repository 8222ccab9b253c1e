package dev.membership.spi;

import dev.membership.domain.AuditEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;

/**
 * The organisations' audit logs, in the transaction they were reached from
 * ({@link StoreTransaction#audit()}): an event appended commits with the change it records.
 */
public interface AuditStore {

  /** Appends the event to its organisation's log. */
  void append(AuditEvent event);

  /** The organisation's audit log, newest first, then id descending. */
  Page<AuditEvent> page(OrganisationId organisation, PageRequest page);
}
