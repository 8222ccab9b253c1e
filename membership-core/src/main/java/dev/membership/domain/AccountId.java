package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies an account (one person, one e-mail address). */
public record AccountId(UUID value) implements Comparable<AccountId> {

  public AccountId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static AccountId random() {
    return new AccountId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static AccountId of(String value) {
    try {
      return new AccountId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(AccountId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
