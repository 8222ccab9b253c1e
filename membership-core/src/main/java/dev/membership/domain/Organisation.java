package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A company or team whose members are managed together.
 *
 * @param id its id
 * @param name what people see
 * @param status active or deleted
 * @param createdAt when it was created
 * @param version optimistic version
 */
public record Organisation(OrganisationId id, String name, OrganisationStatus status, Instant createdAt, long version) {
  public Organisation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new active organisation. */
  public static Organisation create(String name, Instant now) {
    return new Organisation(OrganisationId.random(), name, OrganisationStatus.ACTIVE, now, 0);
  }

  public Organisation rename(String newName) {
    return new Organisation(id, newName, status, createdAt, version);
  }

  public Organisation delete() {
    OrganisationStatus.TRANSITIONS.require(status, OrganisationStatus.DELETED);
    return new Organisation(id, name, OrganisationStatus.DELETED, createdAt, version);
  }

  public boolean isActive() {
    return status == OrganisationStatus.ACTIVE;
  }
}
