package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies one sign-up (a call of self-registration). */
public record SignUpId(UUID value) implements Comparable<SignUpId> {

  public SignUpId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static SignUpId random() {
    return new SignUpId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static SignUpId of(String value) {
    try {
      return new SignUpId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(SignUpId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
