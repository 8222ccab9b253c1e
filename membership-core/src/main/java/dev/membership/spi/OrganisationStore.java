package dev.membership.spi;

import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import java.util.Optional;

/**
 * Organisations, in the transaction they were reached from ({@link StoreTransaction#organisations()}).
 * Keeps the rules written on {@link StoreTransaction}.
 */
public interface OrganisationStore {

  /** Stores a new organisation. */
  void insert(Organisation organisation);

  Optional<Organisation> find(OrganisationId id);

  /**
   * Reads the organisation and locks its row until the transaction ends ({@code SELECT ... FOR
   * UPDATE}): changes that may affect who owns the organisation, or its seats, take this first.
   *
   * <p>Reads made after this call must see everything committed before the lock was granted (the
   * last-owner and seat checks rely on it): run transactions at {@code READ COMMITTED}, not at a
   * snapshot level such as InnoDB's default {@code REPEATABLE READ}.
   */
  Optional<Organisation> lock(OrganisationId id);

  /** Stores a changed organisation (optimistic version). */
  Organisation update(Organisation organisation);
}
