package dev.membership.query;

import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.Role;
import java.util.Objects;

/**
 * One organisation an account belongs to, as a header shows it: the name, the role and whether to
 * show the "Admin" badge.
 *
 * @param organisation the organisation
 * @param membership the account's membership there
 * @param role its role there
 */
public record AccountOrganisation(Organisation organisation, Membership membership, Role role) {
  public AccountOrganisation {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(role, "role");
  }

  /** Whether the account is an administrator there (and active). */
  public boolean isAdministrator() {
    return membership.isActive() && role.isAdministrator();
  }
}
