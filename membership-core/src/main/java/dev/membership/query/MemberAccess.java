package dev.membership.query;

import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import java.util.Objects;

/**
 * A live membership with its organisation and role, read together in one indexed query: what a
 * permission check needs.
 *
 * @param organisation the organisation (possibly deleted)
 * @param membership the membership (active or deactivated)
 * @param role its role
 */
public record MemberAccess(Organisation organisation, Membership membership, Role role) {
  public MemberAccess {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(role, "role");
  }

  /** Whether the member may act at all: active, in an organisation that is not deleted. */
  public boolean isEffective() {
    return membership.isActive() && organisation.isActive();
  }

  /** Whether the member may do {@code permission} now. */
  public boolean allows(Permission permission) {
    return isEffective() && role.allows(permission);
  }
}
