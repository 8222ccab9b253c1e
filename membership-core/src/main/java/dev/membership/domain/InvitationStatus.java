package dev.membership.domain;

import dev.membership.error.ErrorCode;

/**
 * Where an invitation stands. The stored statuses are {@code PENDING}, {@code ACCEPTED} and {@code
 * CANCELLED}; their transitions are the table {@link #TRANSITIONS}: {@code PENDING -> PENDING}
 * (resend: new link, new expiry), {@code PENDING -> ACCEPTED | CANCELLED}, the last two final.
 *
 * <p>Expiry is read from the clock, never stored: {@link Invitation#statusAt} answers {@code EXPIRED}
 * for a pending invitation past its expiry, which may still be resent (renewed) or cancelled. A new
 * invitation to the same address closes an expired one as {@code CANCELLED} (audited as {@code
 * INVITATION_EXPIRED}). {@code EXPIRED} is kept for what a person sees, and for rows an older version
 * stored, which are final.
 */
public enum InvitationStatus {
  PENDING,
  ACCEPTED,
  CANCELLED,
  EXPIRED;

  /**
   * The invitation state machine. Resending or cancelling one that was accepted or cancelled answers
   * {@code INVITATION_ALREADY_ACCEPTED} or {@code INVITATION_ALREADY_CANCELLED}.
   */
  public static final Transitions<InvitationStatus> TRANSITIONS = Transitions
      .of(InvitationStatus.class, "Invitation", InvitationStatus::refusal)
      .allow(PENDING, PENDING, ACCEPTED, CANCELLED)
      .build();

  /** Whether the table has the move from this stored status to {@code next}. */
  public boolean canMoveTo(InvitationStatus next) {
    return TRANSITIONS.allows(this, next);
  }

  private static ErrorCode refusal(InvitationStatus from, InvitationStatus to) {
    return switch (from) {
      case ACCEPTED -> ErrorCode.INVITATION_ALREADY_ACCEPTED;
      case CANCELLED, EXPIRED -> ErrorCode.INVITATION_ALREADY_CANCELLED;
      case PENDING -> ErrorCode.ILLEGAL_STATE_TRANSITION; // to EXPIRED: the clock expires, no command does
    };
  }
}
