package dev.membership.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifies an organisation. */
public record OrganisationId(UUID value) implements Comparable<OrganisationId> {

  public OrganisationId {
    Objects.requireNonNull(value, "value");
  }

  /** A new, time-ordered identifier. */
  public static OrganisationId random() {
    return new OrganisationId(Ids.newUuid());
  }

  /** Parses the {@link #toString()} form. */
  public static OrganisationId of(String value) {
    return new OrganisationId(UUID.fromString(value));
  }

  @Override
  public int compareTo(OrganisationId other) {
    return value.toString().compareTo(other.value.toString());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
