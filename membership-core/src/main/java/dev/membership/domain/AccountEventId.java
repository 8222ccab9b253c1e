package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies an account event. */
public record AccountEventId(UUID value) implements Comparable<AccountEventId> {

  public AccountEventId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static AccountEventId random() {
    return new AccountEventId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static AccountEventId of(String value) {
    try {
      return new AccountEventId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(AccountEventId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
