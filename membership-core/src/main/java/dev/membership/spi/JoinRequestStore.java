package dev.membership.spi;

import java.time.Instant;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.OrganisationId;
import java.util.Optional;

/**
 * Requests to join, in the transaction they were reached from ({@link StoreTransaction#joinRequests()}).
 * Keeps the rules written on {@link StoreTransaction}.
 */
public interface JoinRequestStore {

  /**
   * Stores a new join request.
   *
   * @throws dev.membership.error.ConflictException {@code JOIN_REQUEST_ALREADY_PENDING}
   */
  void insert(JoinRequest request);

  /** Stores a changed request (optimistic version). */
  JoinRequest update(JoinRequest request);

  /** A request by id, whichever organisation it is for: callers check the organisation. */
  Optional<JoinRequest> find(JoinRequestId id);

  Optional<JoinRequest> findPending(OrganisationId organisation, AccountId account);

  /**
   * Retention: deletes at most {@code limit} requests answered (approved, denied) or withdrawn before
   * {@code before}, oldest first; pending ones are kept. Returns how many it deleted.
   */
  int purgeAnswered(Instant before, int limit);
}
