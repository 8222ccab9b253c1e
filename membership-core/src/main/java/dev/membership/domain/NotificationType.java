package dev.membership.domain;

/** What a notification tells its recipient; the host picks the e-mail template by it. */
public enum NotificationType {
  /** "You are invited to join ..." with the invitation link. Sent on invite, resend and join approval. */
  INVITATION,
  /** To the organisation's administrators: an invited person accepted; onboarding completed. */
  INVITATION_ACCEPTED,
  /** To every member who may review join requests: somebody asked to join. */
  JOIN_REQUEST_RECEIVED,
  /**
   * To a person whose account an admin created directly. Carries no password: the admin hands the
   * temporary password over, and it is never stored anywhere.
   */
  ACCOUNT_CREATED,
}
