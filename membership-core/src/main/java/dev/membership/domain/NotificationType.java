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
  /**
   * To an address someone signed up with, which has no account yet: "confirm your address" with the
   * verification link, which works once, expires, and creates the account only together with the
   * password chosen at sign-up. No organisation; carries {@code expiresAt}, never the name typed at
   * sign-up (a stranger could put any text there).
   */
  VERIFY_EMAIL,
  /**
   * To the owner of an account whose address someone tried to sign up with: "you already have an
   * account; if this was you, sign in". No organisation, no link, no password; carries {@code
   * attemptedAt}. Sent instead of {@link #VERIFY_EMAIL}, so that signing up answers the same whether the
   * address has an account or not.
   */
  SIGN_UP_ATTEMPTED,
  /**
   * To each member who may manage entitlements: a trial or licence ends soon ({@code
   * MembershipPolicy}-independent lead time set by {@code Memberships.Builder.entitlementEndNotice}).
   * Carries {@code organisationName}, {@code entitlement}, {@code entitlementName}, {@code endsAt}.
   * Sent once per entitlement and end date by {@code entitlements().sendEndNotices()}.
   */
  ENTITLEMENT_ENDING,
  /** To each member who may manage entitlements: a trial or licence has ended. Same data as {@link #ENTITLEMENT_ENDING}. */
  ENTITLEMENT_ENDED,
  /**
   * To each member (active or deactivated) of an organisation that was deleted: their membership ended
   * with it. Carries {@code organisationName} and {@code deletedAt}. Written by {@code
   * organisations().delete}, one per member, in the deletion's transaction.
   */
  ORGANISATION_DELETED,
}
