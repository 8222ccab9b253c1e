package dev.membership.domain;

import dev.membership.error.ErrorCode;

/**
 * Where a join request stands. Its transitions are the table {@link #TRANSITIONS}: {@code PENDING ->
 * APPROVED | DENIED | WITHDRAWN}, each of them final.
 */
public enum JoinRequestStatus {
  PENDING,
  APPROVED,
  DENIED,
  WITHDRAWN;

  /**
   * The join-request state machine. Answering or withdrawing a request that is not pending answers
   * {@code JOIN_REQUEST_ALREADY_ANSWERED} (approved or denied) or {@code JOIN_REQUEST_WITHDRAWN}.
   */
  public static final Transitions<JoinRequestStatus> TRANSITIONS = Transitions
      .of(JoinRequestStatus.class, "JoinRequest", JoinRequestStatus::refusal)
      .allow(PENDING, APPROVED, DENIED, WITHDRAWN)
      .build();

  /** Whether the table has the move from this status to {@code next}. */
  public boolean canMoveTo(JoinRequestStatus next) {
    return TRANSITIONS.allows(this, next);
  }

  private static ErrorCode refusal(JoinRequestStatus from, JoinRequestStatus to) {
    return switch (from) {
      case APPROVED, DENIED -> ErrorCode.JOIN_REQUEST_ALREADY_ANSWERED;
      case WITHDRAWN -> ErrorCode.JOIN_REQUEST_WITHDRAWN;
      case PENDING -> ErrorCode.ILLEGAL_STATE_TRANSITION; // back to pending: no command asks for it
    };
  }
}
