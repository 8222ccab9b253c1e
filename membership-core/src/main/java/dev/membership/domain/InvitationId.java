package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies an invitation. */
public record InvitationId(UUID value) implements Comparable<InvitationId> {

  public InvitationId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static InvitationId random() {
    return new InvitationId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static InvitationId of(String value) {
    try {
      return new InvitationId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(InvitationId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
