package dev.membership.domain;

import dev.membership.error.ErrorCode;

/**
 * Whether an organisation is in use or was deleted (its history is kept). Its transitions are the
 * table {@link #TRANSITIONS}: {@code ACTIVE -> DELETED}, which is final.
 */
public enum OrganisationStatus {
  ACTIVE,
  DELETED;

  /** The organisation state machine; deleting a deleted organisation answers {@code ORGANISATION_DELETED}. */
  public static final Transitions<OrganisationStatus> TRANSITIONS = Transitions
      .of(OrganisationStatus.class, "Organisation",
          (from, to) -> from == DELETED ? ErrorCode.ORGANISATION_DELETED : ErrorCode.ILLEGAL_STATE_TRANSITION)
      .allow(ACTIVE, DELETED)
      .build();

  /** Whether the table has the move from this status to {@code next}. */
  public boolean canMoveTo(OrganisationStatus next) {
    return TRANSITIONS.allows(this, next);
  }
}
