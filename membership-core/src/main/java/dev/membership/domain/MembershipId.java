package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies a membership (an account's place in one organisation). */
public record MembershipId(UUID value) implements Comparable<MembershipId> {

  public MembershipId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static MembershipId random() {
    return new MembershipId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static MembershipId of(String value) {
    try {
      return new MembershipId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(MembershipId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
