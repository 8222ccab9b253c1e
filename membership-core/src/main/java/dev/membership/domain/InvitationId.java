package dev.membership.domain;

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

  /** Parses the {@link #toString()} form. */
  public static InvitationId of(String value) {
    return new InvitationId(UUID.fromString(value));
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
