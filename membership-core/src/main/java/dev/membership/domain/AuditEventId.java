package dev.membership.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifies an audit event. */
public record AuditEventId(UUID value) implements Comparable<AuditEventId> {

  public AuditEventId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static AuditEventId random() {
    return new AuditEventId(Ids.newUuid());
  }

  /** Parses the {@link #toString()} form. */
  public static AuditEventId of(String value) {
    return new AuditEventId(UUID.fromString(value));
  }

  @Override
  public int compareTo(AuditEventId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
