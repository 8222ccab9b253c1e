package dev.membership.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One change to the deployment's application catalogue, recorded in the same transaction: the
 * catalogue's own audit log (the organisations' logs are per organisation; the catalogue is not).
 *
 * @param id time-ordered (UUIDv7): orders the changes made at the same instant
 * @param application which application
 * @param action what was done
 * @param changedBy who did it, as the host names its operator (e.g. an administrator's address)
 * @param occurredAt when
 * @param details e.g. {@code name}, {@code effectiveFrom}, {@code minimums}
 */
public record ApplicationChange(UUID id, EntitlementKey application, Action action, String changedBy, Instant occurredAt,
    Map<String, String> details) {

  /** What was done to the application. */
  public enum Action {
    DEFINED,
    RENAMED,
    POLICY_SCHEDULED,
    POLICY_CANCELLED,
  }

  public ApplicationChange {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(changedBy, "changedBy");
    Objects.requireNonNull(occurredAt, "occurredAt");
    details = Map.copyOf(details);
  }

  /** A new change, with a new time-ordered id. */
  public static ApplicationChange of(EntitlementKey application, Action action, String changedBy, Instant occurredAt,
      Map<String, String> details) {
    return new ApplicationChange(Ids.newUuid(), application, action, changedBy, occurredAt, details);
  }
}
