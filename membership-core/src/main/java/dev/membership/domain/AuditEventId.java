package dev.membership.domain;

import dev.membership.error.InvalidInputException;
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

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static AuditEventId of(String value) {
    try {
      return new AuditEventId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
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
