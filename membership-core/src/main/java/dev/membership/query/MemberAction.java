package dev.membership.query;

/**
 * What the members page's row menu may offer the viewing account for one row. Computed from the
 * viewer's role, the row's role, status and origin; the command itself still checks everything
 * (e.g. the last owner, or an account another organisation shares), so a listed action can still be
 * refused with a typed error.
 */
public enum MemberAction {
  /** Invitation row: send a new link. */
  RESEND_INVITATION,
  /** Invitation row: withdraw it. */
  CANCEL_INVITATION,
  /** Active member: give another role. */
  CHANGE_ROLE,
  /** Active member: grant or revoke application access. */
  MANAGE_ACCESS,
  DEACTIVATE,
  REACTIVATE,
  REMOVE,
  /** Active member the organisation created directly: set a new temporary password. */
  CHANGE_PASSWORD,
  /** Active member the organisation created directly: generate a new temporary password. */
  RESEND_CREDENTIALS,
}
