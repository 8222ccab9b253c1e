package dev.membership.domain;

/** {@code PENDING -> ACCEPTED | CANCELLED | EXPIRED}. */
public enum InvitationStatus {
  PENDING,
  ACCEPTED,
  CANCELLED,
  EXPIRED,
}
