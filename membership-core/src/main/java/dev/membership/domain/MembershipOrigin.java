package dev.membership.domain;

/** How a membership came to be. */
public enum MembershipOrigin {
  /** Created the organisation. */
  FOUNDER,
  /** Accepted an invitation. */
  INVITATION,
  /** An admin created the account directly with a temporary password. */
  CREATED_BY_ADMIN,
  /** Asked to join, was approved, and accepted the invitation that followed. */
  JOIN_REQUEST,
  /** Joined automatically: the account's proved address is of a domain the organisation verified. */
  DOMAIN,
}
