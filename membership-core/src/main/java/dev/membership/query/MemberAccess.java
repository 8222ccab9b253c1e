package dev.membership.query;

import dev.membership.domain.CredentialState;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import java.util.Objects;

/**
 * A live membership with its organisation, role and the account's credential state, read together in
 * one indexed query: what a permission check needs.
 *
 * @param organisation the organisation (possibly deleted)
 * @param membership the membership (active or deactivated)
 * @param role its role
 * @param credentialState the account's: an account on a temporary password may do nothing but
 *     choose its own password
 */
public record MemberAccess(Organisation organisation, Membership membership, Role role, CredentialState credentialState) {
  public MemberAccess {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(credentialState, "credentialState");
  }

  /**
   * Whether the member may act at all: active, in an organisation that is not deleted, signed in with
   * a password of its own.
   */
  public boolean isEffective() {
    return membership.isActive() && organisation.isActive() && credentialState == CredentialState.PERSONAL;
  }

  /** Whether the member may do {@code permission} now. */
  public boolean allows(Permission permission) {
    return isEffective() && role.allows(permission);
  }
}
