package dev.membership.domain;

/** {@code PENDING -> APPROVED | DENIED | WITHDRAWN}. */
public enum JoinRequestStatus {
  PENDING,
  APPROVED,
  DENIED,
  WITHDRAWN,
}
