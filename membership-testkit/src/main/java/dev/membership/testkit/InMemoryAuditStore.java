package dev.membership.testkit;

import java.util.Map;
import java.util.HashMap;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.query.AuditQuery;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The audit logs of the in-memory store, one list per organisation. */
final class InMemoryAuditStore implements AuditStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryAuditStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
  }

  @Override
  public void append(AuditEvent event) {
    tx.requireOpen();
    List<AuditEvent> log = tables.audit.computeIfAbsent(event.organisationId(), o -> new ArrayList<>());
    log.add(event);
    tx.undoable(() -> log.remove(log.size() - 1));
  }

  @Override
  public Page<AuditEvent> page(OrganisationId organisation, AuditQuery query) {
    PageRequest page = query.page();
    Comparator<AuditEvent> oldestFirst = Comparator.comparing(AuditEvent::occurredAt).thenComparing(e -> e.id().toString());
    Stream<AuditEvent> rows = tables.audit.getOrDefault(organisation, List.of()).stream()
        .filter(query::matches)
        .sorted(page.backwards() ? oldestFirst : oldestFirst.reversed());
    Optional<String> cursor = page.after().or(page::before);
    if (cursor.isPresent()) {
      List<String> key = Cursor.decode(cursor.get(), 2);
      Instant at = InMemoryTables.parseInstant(key.get(0));
      int sign = page.backwards() ? 1 : -1;
      rows = rows.filter(e -> Integer.signum(e.occurredAt().compareTo(at) != 0
          ? e.occurredAt().compareTo(at) : e.id().toString().compareTo(key.get(1))) == sign);
    }
    return Page.of(rows.limit(page.limit() + 1L).toList(), page,
        e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }

  @Override
  public int pseudonymise(AccountId account, EmailAddress email, String pseudonym) {
    tx.requireOpen();
    int changed = 0;
    for (List<AuditEvent> log : tables.audit.values()) {
      for (int i = 0; i < log.size(); i++) {
        AuditEvent e = log.get(i);
        if (e.subjectAccount().equals(Optional.of(account)) || e.subject().equals(email.value())) {
          Map<String, String> details = new HashMap<>();
          e.details().forEach((key, value) -> details.put(key, value.replace(email.value(), pseudonym)));
          AuditEvent next = new AuditEvent(e.id(), e.organisationId(), e.actor(), e.action(), e.subjectAccount(),
              pseudonym, e.occurredAt(), details);
          int at = i;
          log.set(at, next);
          tx.undoable(() -> log.set(at, e));
          changed++;
        }
      }
    }
    return changed;
  }
}
