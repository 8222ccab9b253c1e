package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a member had when deactivated, stored explicitly so that reactivation restores exactly that.
 *
 * @param roleId the role held
 * @param grants the entitlements held
 * @param since when the member was deactivated
 */
public record Suspension(RoleId roleId, Set<EntitlementKey> grants, Instant since) {
  public Suspension {
    Objects.requireNonNull(roleId, "roleId");
    grants = Set.copyOf(grants);
    Objects.requireNonNull(since, "since");
  }
}
