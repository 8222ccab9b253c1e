package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Application access an organisation holds (a product, a licence, a trial) and may grant to its
 * members.
 *
 * @param organisationId whose it is
 * @param key its name within the organisation
 * @param name what people see
 * @param seatLimit how many members and pending invitations may hold it at once; empty for unlimited
 * @param validUntil when a trial or licence ends; empty for no end. After it, nobody has the access.
 * @param version optimistic version
 */
public record Entitlement(
    OrganisationId organisationId,
    EntitlementKey key,
    String name,
    Optional<Integer> seatLimit,
    Optional<Instant> validUntil,
    long version) {

  public Entitlement {
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(seatLimit, "seatLimit");
    Objects.requireNonNull(validUntil, "validUntil");
  }

  /** Whether the entitlement still gives access at {@code now}. */
  public boolean isValidAt(Instant now) {
    return validUntil.map(now::isBefore).orElse(true);
  }
}
