package dev.membership.domain;

import dev.membership.error.ErrorCode;

/**
 * Where a {@link SignUp} stands. Its transitions are the table {@link #TRANSITIONS}: {@code
 * AWAITING_VERIFICATION -> VERIFIED | ENDED}; {@code OWNER_NOTIFIED} is final from the start. A sign-up awaiting verification past its expiry is
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
  ENDED;

  /**
   * The sign-up state machine. No refused move is a user's: verification links answer their own codes
   * ({@code EMAIL_VERIFICATION_*}) before a sign-up is asked to move.
   */
  public static final Transitions<SignUpStatus> TRANSITIONS = Transitions
      .of(SignUpStatus.class, "SignUp", (from, to) -> ErrorCode.ILLEGAL_STATE_TRANSITION)
      .allow(AWAITING_VERIFICATION, VERIFIED, ENDED)
      .build();

  /** Whether the table has the move from this status to {@code next}. */
  public boolean canMoveTo(SignUpStatus next) {
    return TRANSITIONS.allows(this, next);
  }
}
