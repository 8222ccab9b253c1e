package dev.membership.spi;

import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The entitlements organisations hold, and their seats, in the transaction they were reached from
 * ({@link StoreTransaction#entitlements()}). Keeps the rules written on {@link StoreTransaction}.
 */
public interface EntitlementStore {

  /**
   * Stores a new entitlement.
   *
   * @throws dev.membership.error.ConflictException {@code ENTITLEMENT_ALREADY_DEFINED}
   */
  void insert(Entitlement entitlement);

  Optional<Entitlement> find(OrganisationId organisation, EntitlementKey key);

  /** Ordered by key. */
  List<Entitlement> list(OrganisationId organisation);

  /** Stores a changed entitlement (optimistic version). */
  Entitlement update(Entitlement entitlement);

  /**
   * Seats of an entitlement in use: active members granted it plus invitations pending and open at
   * {@code now} that would grant it.
   */
  long countSeatsInUse(OrganisationId organisation, EntitlementKey entitlement, Instant now);
}
