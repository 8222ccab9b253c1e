package dev.membership.query;

/** What the members page shows beside a row. */
public enum MemberBadge {
  /** An invitation not yet accepted (and not expired). */
  PENDING,
  /** An invitation past its expiry that nobody resent or cancelled: its link is dead; resend renews it. */
  EXPIRED,
  /** An active member. */
  ACTIVE,
  /** An active member an admin created directly, whose account has never signed in. */
  CREATED_BY_ADMIN,
  /** A deactivated member. */
  DEACTIVATED,
  /** A removed member (history); not listed unless asked for. */
  REMOVED,
}
