package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a deactivated member had besides its role, stored explicitly so that reactivation restores
 * exactly that. The role is not repeated here: a deactivated membership's {@link Membership#roleId()}
 * is the role it holds and gets back, the one source of truth for it.
 *
 * @param grants the entitlements held when deactivated, which reactivation restores
 * @param since when the member was deactivated
 */
public record Suspension(Set<EntitlementKey> grants, Instant since) {
  public Suspension {
    grants = Set.copyOf(grants);
    Objects.requireNonNull(since, "since");
  }
}
