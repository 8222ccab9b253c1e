package dev.membership;

import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.PermissionDeniedException;
import dev.membership.internal.Context;
import dev.membership.query.MemberAccess;
import java.util.Optional;
import java.util.Set;

/**
 * The questions a host asks on every request: may this account do this here, does it have this
 * application access. One indexed read each; a deactivated or removed member, or a deleted
 * organisation, answers no at once.
 */
public final class Access {
  private final Context context;

  Access(Context context) {
    this.context = context;
  }

  /** What the account may do in the organisation now; empty if it may do nothing. */
  public Set<Permission> permissions(AccountId account, OrganisationId organisation) {
    return effective(account, organisation).map(a -> a.role().permissions()).orElse(Set.of());
  }

  /** Whether the account may do {@code permission} in the organisation now. */
  public boolean has(AccountId account, OrganisationId organisation, Permission permission) {
    return effective(account, organisation).map(a -> a.role().allows(permission)).orElse(false);
  }

  /** Throws {@link PermissionDeniedException} unless the account may do {@code permission} there now. */
  public void check(AccountId account, OrganisationId organisation, Permission permission) {
    if (!has(account, organisation, permission)) {
      throw new PermissionDeniedException("You may not do that in this organisation.");
    }
  }

  /** Whether the account, active there, holds an entitlement that still gives access. */
  public boolean hasEntitlement(AccountId account, OrganisationId organisation, EntitlementKey entitlement) {
    return context.read(tx -> tx.memberships().findAccess(organisation, account)
        .filter(MemberAccess::isEffective)
        .filter(a -> a.membership().grants().contains(entitlement))
        .flatMap(a -> tx.entitlements().find(organisation, entitlement))
        .map(e -> e.isValidAt(context.now()))
        .orElse(false));
  }

  private Optional<MemberAccess> effective(AccountId account, OrganisationId organisation) {
    return context.read(tx -> tx.memberships().findAccess(organisation, account)).filter(MemberAccess::isEffective);
  }
}
