package dev.membership.error;

import java.util.List;
import java.util.Objects;

/**
 * A state machine was asked for a transition it does not have, e.g. reactivating an active member or
 * accepting a cancelled invitation. Carries both states as data.
 */
public final class IllegalStateTransitionException extends MembershipException {
  private final String subject;
  private final Enum<?> from;
  private final Enum<?> to;

  public IllegalStateTransitionException(String subject, Enum<?> from, Enum<?> to) {
    super(ErrorCode.ILLEGAL_STATE_TRANSITION, subject + " cannot go from " + from + " to " + to + ".", List.of());
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
