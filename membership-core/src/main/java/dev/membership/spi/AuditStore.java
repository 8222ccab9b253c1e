package dev.membership.spi;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.AccountId;
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

  /**
   * Erasure of a person: in every organisation's log, the entries about the account ({@code
   * subjectAccount}) or whose subject is its address get {@code pseudonym} as their subject, and in
   * those entries every detail value that quotes the address has it replaced by {@code pseudonym}.
   * Ids, actors, actions and instants stay. Returns how many entries changed.
   */
  int pseudonymise(AccountId account, EmailAddress email, String pseudonym);
}
