package dev.membership.spi;

import java.time.Instant;
import java.util.List;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.TokenHash;
import java.util.Optional;

/**
 * Invitations, in the transaction they were reached from ({@link StoreTransaction#invitations()}).
 * Keeps the rules written on {@link StoreTransaction}.
 */
public interface InvitationStore {

  /**
   * Stores a new invitation.
   *
   * @throws dev.membership.error.ConflictException {@code INVITATION_ALREADY_PENDING}
   */
  void insert(Invitation invitation);

  /** Stores a changed invitation (optimistic version); its organisation and address never change. */
  Invitation update(Invitation invitation);

  Optional<Invitation> find(OrganisationId organisation, InvitationId id);

  /** The invitation whose current link has this token (any status). */
  Optional<Invitation> findByTokenHash(TokenHash hash);

  /** The invitation of this address with status {@code PENDING} (open or past its expiry). */
  Optional<Invitation> findPending(OrganisationId organisation, EmailAddress email);

  /** The pending invitations to the address in every organisation, by id, at most {@code limit}. */
  List<Invitation> pendingTo(EmailAddress email, int limit);

  /**
   * Erasure of a person: every invitation to {@code email} that is not pending (cancel those first)
   * gets {@code placeholder} as its address (the only change of address an invitation ever sees);
   * its status, version and the kept counts stay, and a pending one is left as it is. Returns how
   * many changed.
   */
  int readdress(EmailAddress email, EmailAddress placeholder);

  /**
   * Retention: deletes at most {@code limit} invitations that ended before {@code before}: cancelled
   * ones last changed before it, and pending ones whose link expired before it (with their grants,
   * and the kept counts of pending invitations lowered in this transaction); accepted ones are kept.
   * Rows another transaction deletes at the same time are not counted twice. Returns how many it
   * deleted.
   */
  int purgeEnded(Instant before, int limit);
}
