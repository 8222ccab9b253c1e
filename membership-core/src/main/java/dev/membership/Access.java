package dev.membership;

import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.PermissionDeniedException;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.internal.ApplicationCatalogue;
import dev.membership.internal.Context;
import dev.membership.query.AccessDecision;
import dev.membership.query.ApplicationAccess;
import java.time.Instant;
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
  private final ApplicationCatalogue catalogue;

  Access(Context context, ApplicationCatalogue catalogue) {
    this.context = context;
    this.catalogue = catalogue;
  }

  /**
   * Whether the account may use the application in the organisation with a client of {@code
   * clientVersion} now, or why not: {@link AccessDecision.MemberNotActive}, {@link
   * AccessDecision.NoEntitlement}, {@link AccessDecision.EntitlementEnded} (a trial over, with when)
   * or {@link AccessDecision.ClientTooOld} (with the minimum accepted and since when), in that order.
   * One indexed read of the store (the membership with the entitlement); the application's client
   * policy comes from the catalogue as read at most the host's chosen staleness ago ({@code
   * Memberships.Builder.applicationCatalogueStaleness}). An application missing from the catalogue
   * has no client policy: only the entitlement is checked.
   */
  public AccessDecision check(AccountId account, OrganisationId organisation, EntitlementKey application,
      ClientVersion clientVersion) {
    Instant now = context.now();
    Optional<ApplicationAccess> found = context.read(tx -> tx.applications().findAccess(organisation, account, application));
    if (found.isEmpty() || !found.get().isEffective()) {
      return new AccessDecision.MemberNotActive();
    }
    ApplicationAccess access = found.get();
    if (!access.entitlementHeld() || !access.granted()) {
      return new AccessDecision.NoEntitlement();
    }
    if (access.entitlementEnds().filter(end -> !now.isBefore(end)).isPresent()) {
      return new AccessDecision.EntitlementEnded(access.entitlementEnds().get());
    }
    Optional<ClientPolicy> policy = catalogue.find(application).flatMap(a -> a.policyAt(now));
    if (policy.isPresent()) {
      Optional<ClientVersion> minimum = policy.get().minimumFor(clientVersion);
      if (minimum.isPresent()) {
        return new AccessDecision.ClientTooOld(minimum.get(), policy.get().effectiveFrom());
      }
    }
    return new AccessDecision.Allowed();
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
