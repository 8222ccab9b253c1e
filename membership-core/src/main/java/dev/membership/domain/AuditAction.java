package dev.membership.domain;

/** What happened, in an {@link AuditEvent}. */
public enum AuditAction {
  ORGANISATION_CREATED,
  ORGANISATION_RENAMED,
  ORGANISATION_DELETED,
  /** The organisation was made discoverable in organisation search, or hidden from it again. */
  ORGANISATION_DISCOVERABILITY_CHANGED,
  MEMBER_ROLE_CHANGED,
  MEMBER_ACCESS_GRANTED,
  MEMBER_ACCESS_REVOKED,
  MEMBER_DEACTIVATED,
  MEMBER_REACTIVATED,
  MEMBER_REMOVED,
  MEMBER_LEFT,
  MEMBER_CREATED_BY_ADMIN,
  MEMBER_CREDENTIALS_RESENT,
  MEMBER_PASSWORD_CHANGED_BY_ADMIN,
  INVITATION_SENT,
  INVITATION_RESENT,
  INVITATION_CANCELLED,
  INVITATION_EXPIRED,
  INVITATION_ACCEPTED,
  /** The owner of an address took over an account an admin had created for it, through an invitation link. */
  ACCOUNT_CLAIMED,
  JOIN_REQUESTED,
  JOIN_REQUEST_APPROVED,
  JOIN_REQUEST_DENIED,
  JOIN_REQUEST_WITHDRAWN,
  ROLE_CREATED,
  ROLE_CHANGED,
  ROLE_DELETED,
  ENTITLEMENT_DEFINED,
  ENTITLEMENT_CHANGED,
  /** An admin moved a trial's or licence's end later; details {@code from} and {@code to}. */
  ENTITLEMENT_EXTENDED,
  /**
   * The upkeep told an entitlement manager that a trial or licence ends soon or has ended; actor and
   * subject are the manager told (nobody acted), details {@code notice} and {@code endsAt}.
   */
  ENTITLEMENT_END_NOTICE_SENT,
  /** An admin added a domain to verify. */
  DOMAIN_ADDED,
  /** The domain was proved (details: {@code method}, {@code DNS_TXT} or {@code INVITATION_ACCEPTED}). */
  DOMAIN_VERIFIED,
  /** Another organisation proved the domain by DNS and took it over. */
  DOMAIN_VERIFICATION_LOST,
  /** An admin changed what the domain does for accounts of it (details: {@code mode}, {@code role}). */
  DOMAIN_ENROLLMENT_CHANGED,
  DOMAIN_REMOVED,
  /** An account whose proved address is of an automatic-enrolment domain joined (subject: the account). */
  MEMBER_JOINED_BY_DOMAIN,
  /**
   * The member's account was erased (GDPR art. 17): the membership ended as removed, and every entry
   * of the log about the person names them by their pseudonym from now on (subject: the pseudonym;
   * details: {@code by}, {@code SELF} or {@code OPERATOR}).
   */
  MEMBER_ERASED,
}
