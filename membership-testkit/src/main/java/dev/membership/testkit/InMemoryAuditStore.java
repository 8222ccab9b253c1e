package dev.membership.testkit;

import dev.membership.domain.AuditEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
  public Page<AuditEvent> page(OrganisationId organisation, PageRequest page) {
    Comparator<AuditEvent> newestFirst = Comparator.comparing(AuditEvent::occurredAt)
        .thenComparing(e -> e.id().toString()).reversed();
    Stream<AuditEvent> rows = tables.audit.getOrDefault(organisation, List.of()).stream().sorted(newestFirst);
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      Instant at = InMemoryTables.parseInstant(key.get(0));
      rows = rows.filter(e -> e.occurredAt().isBefore(at)
          || (e.occurredAt().equals(at) && e.id().toString().compareTo(key.get(1)) < 0));
    }
    return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
        e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }
}
