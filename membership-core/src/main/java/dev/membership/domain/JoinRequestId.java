package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies a join request. */
public record JoinRequestId(UUID value) implements Comparable<JoinRequestId> {

  public JoinRequestId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static JoinRequestId random() {
    return new JoinRequestId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static JoinRequestId of(String value) {
    try {
      return new JoinRequestId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(JoinRequestId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
