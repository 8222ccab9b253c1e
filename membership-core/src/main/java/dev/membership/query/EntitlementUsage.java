package dev.membership.query;

import dev.membership.domain.Entitlement;
import java.util.Objects;
import java.util.Optional;

/**
 * An entitlement with how many of its seats are taken (active members granted it and open
 * invitations that would grant it).
 *
 * @param entitlement the entitlement
 * @param seatsInUse seats taken now
 */
public record EntitlementUsage(Entitlement entitlement, long seatsInUse) {
  public EntitlementUsage {
    Objects.requireNonNull(entitlement, "entitlement");
  }

  /** Seats still free; empty for an unlimited entitlement. */
  public Optional<Long> seatsFree() {
    return entitlement.seatLimit().map(limit -> Math.max(0, limit - seatsInUse));
  }
}
