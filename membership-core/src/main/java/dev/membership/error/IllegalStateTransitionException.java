package dev.membership.error;

import java.util.List;
import java.util.Objects;

/**
 * A state machine was asked for a transition its table does not have. Carries both states as data.
 * Its {@link #code()} is specific where a user can ask for the move (reactivating an active member:
 * {@link ErrorCode#MEMBER_ALREADY_ACTIVE}; cancelling an accepted invitation: {@link
 * ErrorCode#INVITATION_ALREADY_ACCEPTED}; ...), and {@link ErrorCode#ILLEGAL_STATE_TRANSITION} where
 * no user action reaches it.
 */
public final class IllegalStateTransitionException extends MembershipException {
  private final String subject;
  private final Enum<?> from;
  private final Enum<?> to;

  /** A move no user action reaches: {@link ErrorCode#ILLEGAL_STATE_TRANSITION}. */
  public IllegalStateTransitionException(String subject, Enum<?> from, Enum<?> to) {
    this(ErrorCode.ILLEGAL_STATE_TRANSITION, subject, from, to);
  }

  /** A refused move with the code its state machine names for it. */
  public IllegalStateTransitionException(ErrorCode code, String subject, Enum<?> from, Enum<?> to) {
    super(code, subject + " cannot go from " + from + " to " + to + ".", List.of());
    this.subject = Objects.requireNonNull(subject);
    this.from = Objects.requireNonNull(from);
    this.to = Objects.requireNonNull(to);
  }

  /** What changes state, e.g. {@code Membership}. */
  public String subject() {
    return subject;
  }

  /** The current state. */
  public Enum<?> from() {
    return from;
  }

  /** The state that was asked for. */
  public Enum<?> to() {
    return to;
  }
}
