package dev.membership.domain;

import dev.membership.error.ErrorCode;

/**
 * Where a membership stands. Its transitions are the table {@link #TRANSITIONS}: {@code ACTIVE <->
 * DEACTIVATED}, and either of them {@code -> REMOVED}, which is final.
 */
public enum MembershipStatus {
  /** Has its role and access. */
  ACTIVE,
  /** Kept, with no access at all; reactivation restores exactly what it had. */
  DEACTIVATED,
  /** History only. The account may be added again later, as a new membership. */
  REMOVED;

  /**
   * The membership state machine. A refused move a user can ask for answers {@code
   * MEMBER_ALREADY_ACTIVE}, {@code MEMBER_ALREADY_DEACTIVATED} or {@code MEMBER_ALREADY_REMOVED}.
   */
  public static final Transitions<MembershipStatus> TRANSITIONS = Transitions
      .of(MembershipStatus.class, "Membership", MembershipStatus::refusal)
      .allow(ACTIVE, DEACTIVATED, REMOVED)
      .allow(DEACTIVATED, ACTIVE, REMOVED)
      .build();

  /** Whether the membership still occupies the (organisation, account) pair. */
  public boolean isLive() {
    return this != REMOVED;
  }

  /** Whether the table has the move from this status to {@code next}. */
  public boolean canMoveTo(MembershipStatus next) {
    return TRANSITIONS.allows(this, next);
  }

  private static ErrorCode refusal(MembershipStatus from, MembershipStatus to) {
    return switch (from) {
      case REMOVED -> ErrorCode.MEMBER_ALREADY_REMOVED;
      case ACTIVE -> to == ACTIVE ? ErrorCode.MEMBER_ALREADY_ACTIVE : ErrorCode.ILLEGAL_STATE_TRANSITION;
      case DEACTIVATED -> to == DEACTIVATED ? ErrorCode.MEMBER_ALREADY_DEACTIVATED : ErrorCode.ILLEGAL_STATE_TRANSITION;
    };
  }
}
