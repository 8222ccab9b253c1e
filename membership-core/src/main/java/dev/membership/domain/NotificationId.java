package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/** Identifies a notification in the outbox; its string form is the idempotency key. */
public record NotificationId(UUID value) implements Comparable<NotificationId> {

  public NotificationId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static NotificationId random() {
    return new NotificationId(Ids.newUuid());
  }

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static NotificationId of(String value) {
    try {
      return new NotificationId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
  }

  @Override
  public int compareTo(NotificationId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
