package dev.membership.spi;

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
}
