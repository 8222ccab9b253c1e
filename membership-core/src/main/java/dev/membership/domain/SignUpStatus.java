package dev.membership.domain;

/**
 * Where a {@link SignUp} stands: {@code AWAITING_VERIFICATION -> VERIFIED | ENDED}; {@code
 * OWNER_NOTIFIED} is final from the start. A sign-up awaiting verification past its expiry is
 * expired (its link answers so) without changing status.
 */
public enum SignUpStatus {
  /** The address had no account: the verification e-mail with the link was sent. */
  AWAITING_VERIFICATION,
  /**
   * The address had an account: its owner was told that someone tried to sign up with it. There is
   * nothing to verify, no link and no password; kept only so that the e-mails per address are counted.
   */
  OWNER_NOTIFIED,
  /** The link was used (with the password chosen at sign-up) and the account created. */
  VERIFIED,
  /**
   * Ended without creating the account: another sign-up of the address was verified, an invitation to
   * it was accepted as a new account, or too many wrong passwords were given with the link.
   */
  ENDED,
}
