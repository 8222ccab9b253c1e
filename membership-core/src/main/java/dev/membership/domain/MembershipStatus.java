package dev.membership.domain;

/**
 * Where a membership stands: {@code ACTIVE <-> DEACTIVATED}, and either of them {@code -> REMOVED}.
 */
public enum MembershipStatus {
  /** Has its role and access. */
  ACTIVE,
  /** Kept, with no access at all; reactivation restores exactly what it had. */
  DEACTIVATED,
  /** History only. The account may be added again later, as a new membership. */
  REMOVED;

  /** Whether the membership still occupies the (organisation, account) pair. */
  public boolean isLive() {
    return this != REMOVED;
  }
}
