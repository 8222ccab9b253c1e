package dev.membership;

import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an erasure did ({@link Erasure}). Holds no personal data: the account's id and pseudonym only.
 *
 * @param account the erased account: the id stays, for the organisations' history
 * @param pseudonym how every organisation's history names the person from now on, e.g. {@code Former
 *     member 3F7A1C}: drawn at random for the account, never derived from its address
 * @param organisationsLeft where a live membership ended (removed, its history kept)
 * @param organisationsEnded organisations the person was the only member of, which ended with them
 *     (deleted, their history kept)
 * @param invitationsCancelled pending invitations to the address that were cancelled
 * @param erasedAt when
 */
public record ErasedAccount(
    AccountId account,
    String pseudonym,
    List<OrganisationId> organisationsLeft,
    List<OrganisationId> organisationsEnded,
    int invitationsCancelled,
    Instant erasedAt) {

  public ErasedAccount {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(pseudonym, "pseudonym");
    organisationsLeft = List.copyOf(organisationsLeft);
    organisationsEnded = List.copyOf(organisationsEnded);
    Objects.requireNonNull(erasedAt, "erasedAt");
  }
}
