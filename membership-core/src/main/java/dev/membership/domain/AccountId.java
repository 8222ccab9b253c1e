package dev.membership.domain;

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

  /** Parses the {@link #toString()} form. */
  public static AccountId of(String value) {
    return new AccountId(UUID.fromString(value));
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
