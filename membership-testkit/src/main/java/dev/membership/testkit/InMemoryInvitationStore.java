package dev.membership.testkit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.InvitationStore;
import java.util.Optional;

/** Invitations of the in-memory store, with the unique "one pending invitation per address and organisation". */
final class InMemoryInvitationStore implements InvitationStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryInvitationStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
  }

  @Override
  public void insert(Invitation invitation) {
    tx.requireNew(tables.invitations, invitation.id());
    if (invitation.status() == InvitationStatus.PENDING
        && findPending(invitation.organisationId(), invitation.email()).isPresent()) {
      throw new ConflictException(ErrorCode.INVITATION_ALREADY_PENDING,
          "An invitation to this address is already pending.");
    }
    tx.put(tables.invitations, invitation.id(), invitation);
  }

  @Override
  public Invitation update(Invitation i) {
    Invitation stored = tx.current(tables.invitations, i.id(), i.version(), "The invitation");
    if (!stored.organisationId().equals(i.organisationId()) || !stored.email().equals(i.email())) {
      throw new IllegalArgumentException("an invitation's organisation and address do not change");
    }
    Invitation next = InMemoryTables.withVersion(i, i.version() + 1);
    tx.put(tables.invitations, i.id(), next);
    return next;
  }

  @Override
  public Optional<Invitation> find(OrganisationId organisation, InvitationId id) {
    return Optional.ofNullable(tables.invitations.get(id)).filter(i -> i.organisationId().equals(organisation));
  }

  @Override
  public Optional<Invitation> findByTokenHash(TokenHash hash) {
    return tables.invitations.values().stream().filter(i -> i.tokenHash().equals(hash)).findFirst();
  }

  @Override
  public Optional<Invitation> findPending(OrganisationId organisation, EmailAddress email) {
    return tables.invitations.values().stream()
        .filter(i -> i.organisationId().equals(organisation) && i.email().equals(email)
            && i.status() == InvitationStatus.PENDING)
        .findFirst();
  }

  @Override
  public List<Invitation> pendingTo(EmailAddress email, int limit) {
    return tables.invitations.values().stream()
        .filter(i -> i.email().equals(email) && i.status() == InvitationStatus.PENDING)
        .sorted(Comparator.comparing(i -> i.id().toString()))
        .limit(Math.max(0, limit))
        .toList();
  }

  @Override
  public int readdress(EmailAddress email, EmailAddress placeholder) {
    List<Invitation> toAddress = tables.invitations.values().stream()
        .filter(i -> i.email().equals(email) && i.status() != InvitationStatus.PENDING)
        .toList();
    for (Invitation i : toAddress) {
      tx.put(tables.invitations, i.id(), new Invitation(i.id(), i.organisationId(), placeholder, i.roleId(), i.grants(),
          i.status(), i.tokenHash(), i.expiresAt(), i.invitedBy(), i.joinRequestId(), i.sendCount(), i.createdAt(),
          i.updatedAt(), i.acceptedBy(), i.version()));
    }
    return toAddress.size();
  }

  @Override
  public int purgeEnded(Instant before, int limit) {
    List<Invitation> ended = tables.invitations.values().stream()
        .filter(i -> (i.status() == InvitationStatus.CANCELLED && i.updatedAt().isBefore(before))
            || (i.status() == InvitationStatus.EXPIRED && i.updatedAt().isBefore(before))
            || (i.status() == InvitationStatus.PENDING && i.expiresAt().isBefore(before)))
        .limit(Math.max(0, limit))
        .toList();
    ended.forEach(i -> tx.remove(tables.invitations, i.id()));
    return ended.size();
  }
}
