package dev.membership.domain;

import dev.membership.error.InvalidInputException;
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

  /**
   * Parses the {@link #toString()} form, e.g. from a URL.
   *
   * @throws InvalidInputException with field {@code id} if it is not one
   */
  public static OrganisationId of(String value) {
    try {
      return new OrganisationId(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("id", "malformed", "is not a valid identifier");
    }
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
