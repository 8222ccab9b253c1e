package dev.membership.spi;

import dev.membership.domain.AccountId;
import dev.membership.domain.DomainName;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import java.time.Instant;
import java.util.Optional;

/**
 * What admitting a member checks, each read in one go, reached from the transaction ({@link
 * StoreTransaction#admissions()}): inviting an address ({@link #invitationChecks}) and an account
 * accepting an invitation ({@link #acceptanceChecks}). Each answer is exactly what asking the other
 * ports one by one would answer (the contract suite checks it); a store may answer each in one
 * statement, as the jOOQ store does. Called after the organisation's row is locked.
 */
public interface AdmissionReads {

  /**
   * What inviting {@code email} to {@code organisation} checks: the organisation's invitation e-mails
   * written after {@code since} (counted up to {@code atMost}, as {@link OutboxStore#countWritten}),
   * whether the address's account is a live member ({@link MemberStore#findLive}), the address's
   * pending invitation ({@link InvitationStore#findPending}) and the inviter's display name (empty
   * when the inviter has no account).
   */
  InvitationChecks invitationChecks(OrganisationId organisation, EmailAddress email, AccountId inviter, Instant since,
      int atMost);

  /**
   * What {@code account} accepting an invitation of {@code inviter} to {@code organisation} checks:
   * the account ({@link AccountStore#find}), whether it is a live member ({@link MemberStore#findLive}),
   * its pending request to join ({@link JoinRequestStore#findPending}), the inviter's access ({@link
   * MemberStore#findAccess}), the organisation's domain named {@code domain} ({@link
   * DomainStore#findByName}) and whether any organisation verified that name ({@link
   * DomainStore#findVerified}), and whom to tell: the addresses of the organisation's active members
   * whose role allows {@code notified}, but {@code account}'s, by membership id, at most {@code
   * atMostNotified}.
   */
  AcceptanceChecks acceptanceChecks(OrganisationId organisation, AccountId account, AccountId inviter,
      Optional<DomainName> domain, Permission notified, int atMostNotified);
}
