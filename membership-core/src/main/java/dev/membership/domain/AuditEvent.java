package dev.membership.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One change in an organisation, recorded in the same transaction as the change itself: who did what
 * to whom, when. Never holds a password or a token. Also what {@code MembershipEventListener}s receive
 * after commit, so a host can react (end the sessions of a deactivated member, keep a removed person's
 * work); see {@link #sessionsToEnd()}.
 *
 * @param id its id
 * @param organisationId where it happened
 * @param actor who did it
 * @param action what was done
 * @param subjectAccount the account it was done to, when it concerns one
 * @param subject what it was done to, readable: an e-mail address, a role name, an entitlement key
 * @param occurredAt when
 * @param details further facts, e.g. {@code from}/{@code to} roles; never secrets
 */
public record AuditEvent(
    AuditEventId id,
    OrganisationId organisationId,
    AccountId actor,
    AuditAction action,
    Optional<AccountId> subjectAccount,
    String subject,
    Instant occurredAt,
    Map<String, String> details) implements MembershipEvent {

  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subjectAccount, "subjectAccount");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(occurredAt, "occurredAt");
    details = Map.copyOf(details);
  }

  /**
   * The access that ends with this change: a member deactivated, removed or gone loses the
   * organisation ({@link SessionsToEnd.InOrganisation}); a deleted organisation is gone for everyone
   * ({@link SessionsToEnd.EveryoneInOrganisation}). Every other action ends no session: permissions
   * are checked at every call, and a change of credentials made through an organisation (credentials
   * resent, password set by an admin, account claimed) says so in its {@link AccountEvent}, so that
   * each change asks for its sessions to end once.
   */
  @Override
  public Optional<SessionsToEnd> sessionsToEnd() {
    return switch (action) {
      case MEMBER_DEACTIVATED, MEMBER_REMOVED, MEMBER_LEFT, MEMBER_ERASED ->
          subjectAccount.map(account -> new SessionsToEnd.InOrganisation(account, organisationId));
      case ORGANISATION_DELETED -> Optional.of(new SessionsToEnd.EveryoneInOrganisation(organisationId));
      case ORGANISATION_CREATED, ORGANISATION_RENAMED, ORGANISATION_DISCOVERABILITY_CHANGED, MEMBER_ROLE_CHANGED,
          MEMBER_ACCESS_GRANTED,
          MEMBER_ACCESS_REVOKED, MEMBER_REACTIVATED, MEMBER_CREATED_BY_ADMIN, MEMBER_CREDENTIALS_RESENT,
          MEMBER_PASSWORD_CHANGED_BY_ADMIN, INVITATION_SENT, INVITATION_RESENT, INVITATION_CANCELLED,
          INVITATION_EXPIRED, INVITATION_ACCEPTED, ACCOUNT_CLAIMED, JOIN_REQUESTED, JOIN_REQUEST_APPROVED,
          JOIN_REQUEST_DENIED, JOIN_REQUEST_WITHDRAWN, ROLE_CREATED, ROLE_CHANGED, ROLE_DELETED,
          ENTITLEMENT_DEFINED, ENTITLEMENT_CHANGED, ENTITLEMENT_EXTENDED, ENTITLEMENT_END_NOTICE_SENT -> Optional.empty();
      case DOMAIN_ADDED, DOMAIN_VERIFIED, DOMAIN_VERIFICATION_LOST, DOMAIN_ENROLLMENT_CHANGED, DOMAIN_REMOVED,
          MEMBER_JOINED_BY_DOMAIN -> Optional.empty();
    };
  }
}
