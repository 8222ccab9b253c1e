package dev.membership.domain;

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

  /** Parses the {@link #toString()} form. */
  public static JoinRequestId of(String value) {
    return new JoinRequestId(UUID.fromString(value));
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
