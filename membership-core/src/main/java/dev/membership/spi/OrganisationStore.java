package dev.membership.spi;

import dev.membership.domain.AccountId;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationId;
import java.time.Instant;
import java.util.List;
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

  // --- Deleted organisations (organisations().delete, purgeDeleted) ---

  /**
   * Records a deletion, with its former owners, in the transaction that deleted the organisation. A
   * second record for the same organisation throws {@link dev.membership.error.ConflictException}
   * {@code ORGANISATION_DELETED}.
   */
  void recordDeletion(OrganisationDeletion deletion);

  /** The deletion of the organisation, while its data is kept; empty for one in use or purged. */
  Optional<OrganisationDeletion> findDeletion(OrganisationId id);

  /**
   * The deletions whose audit log {@code account} may still read at {@code now} (it was one of their
   * former owners and {@code readableUntil} is after {@code now}), newest deletion first, at most
   * {@code limit}.
   */
  List<OrganisationDeletion> deletionsReadableBy(AccountId account, Instant now, int limit);

  /**
   * Deleted organisations whose retention ended before {@code now} ({@code readableUntil <= now}),
   * oldest first, at most {@code limit}: what {@link #purge} has to do.
   */
  List<OrganisationId> deletionsDue(Instant now, int limit);

  /**
   * Deletes at most {@code limit} rows of the deleted organisation's data (its memberships and their
   * grants, invitations, join requests, roles, entitlements, member counts, audit events, client
   * reports, outbox rows and the like) and, once none is left, the organisation row and its deletion
   * record; returns how many rows it deleted (zero when nothing is left, or the organisation is not a
   * deleted one). Call it with the organisation row {@linkplain #lock locked}, so that two instances
   * purging the same organisation take turns. Never touches accounts.
   */
  int purge(OrganisationId id, int limit);
}
