package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies a domain an organisation added. */
public record DomainId(UUID value) implements Comparable<DomainId> {

  public DomainId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static DomainId random() {
    return new DomainId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static DomainId of(String value) {
    try {
      return new DomainId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(DomainId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
