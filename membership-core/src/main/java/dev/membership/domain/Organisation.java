package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A company or team whose members are managed together.
 *
 * @param id its id
 * @param name what people see
 * @param status active or deleted
 * @param discoverable whether organisation search lists it (for people looking for one to ask to
 *     join); off for a new organisation, set by those who may manage it
 * @param createdAt when it was created
 * @param version optimistic version
 */
public record Organisation(
    OrganisationId id, String name, OrganisationStatus status, boolean discoverable, Instant createdAt, long version) {
  public Organisation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A new active organisation, not discoverable. */
  public static Organisation create(String name, Instant now) {
    return new Organisation(OrganisationId.random(), name, OrganisationStatus.ACTIVE, false, now, 0);
  }

  public Organisation rename(String newName) {
    return new Organisation(id, newName, status, discoverable, createdAt, version);
  }

  /** The same organisation, listed by organisation search or not. */
  public Organisation withDiscoverable(boolean listed) {
    return new Organisation(id, name, status, listed, createdAt, version);
  }

  public Organisation delete() {
    OrganisationStatus.TRANSITIONS.require(status, OrganisationStatus.DELETED);
    return new Organisation(id, name, OrganisationStatus.DELETED, discoverable, createdAt, version);
  }

  public boolean isActive() {
    return status == OrganisationStatus.ACTIVE;
  }
}
