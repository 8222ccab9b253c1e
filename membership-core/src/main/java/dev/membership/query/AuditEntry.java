package dev.membership.query;

import dev.membership.domain.AuditEvent;
import java.util.Objects;

/**
 * A line of the audit log as a page shows it: the event and who did it.
 *
 * @param event what happened
 * @param actor who did it
 */
public record AuditEntry(AuditEvent event, AccountSummary actor) {
  public AuditEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actor, "actor");
  }
}
