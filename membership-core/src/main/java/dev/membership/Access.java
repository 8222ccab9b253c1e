package dev.membership;

import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.PermissionDeniedException;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.Entitlement;
import dev.membership.internal.ApplicationCatalogue;
import dev.membership.internal.CheckCache;
import dev.membership.internal.Context;
import dev.membership.query.AccessDecision;
import dev.membership.query.ApplicationAccess;
import java.time.Instant;
import dev.membership.query.MemberAccess;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The questions a host asks on every request: may this account do this here, does it have this
 * application access. One indexed read each; a deactivated or removed member, or a deleted
 * organisation, answers no at once.
 *
 * <p>With an {@link AccessCache} ({@link Memberships.Builder#accessCache}) a yes is answered from
 * memory while it is fresh: dropped at once by the changes made through this instance, and at most
 * {@link AccessCache#maxStaleness()} old for changes made through another; see {@link AccessCache}.
 */
public final class Access {
  private final Context context;
  private final ApplicationCatalogue catalogue;
  private final Optional<CheckCache> cache;

  Access(Context context, ApplicationCatalogue catalogue, Optional<CheckCache> cache) {
    this.context = context;
    this.catalogue = catalogue;
    this.cache = cache;
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
    Optional<ApplicationAccess> found = applicationAccess(account, organisation, application, now);
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
    return effective(account, organisation, a -> true).map(a -> a.role().permissions()).orElse(Set.of());
  }

  /** Whether the account may do {@code permission} in the organisation now. */
  public boolean has(AccountId account, OrganisationId organisation, Permission permission) {
    return effective(account, organisation, a -> a.role().allows(permission)).map(a -> a.role().allows(permission))
        .orElse(false);
  }

  /** Throws {@link PermissionDeniedException} unless the account may do {@code permission} there now. */
  public void check(AccountId account, OrganisationId organisation, Permission permission) {
    if (!has(account, organisation, permission)) {
      throw new PermissionDeniedException("You may not do that in this organisation.");
    }
  }

  /** Whether the account, active there, holds an entitlement that still gives access. */
  public boolean hasEntitlement(AccountId account, OrganisationId organisation, EntitlementKey entitlement) {
    Instant now = context.now();
    if (cache.isEmpty()) {
      return heldEntitlement(account, organisation, entitlement).map(e -> e.isValidAt(now)).orElse(false);
    }
    CheckCache.Key key = new CheckCache.EntitlementHeldKey(organisation, account, entitlement);
    if (cache.get().cached(key, Entitlement.class).filter(e -> e.isValidAt(now)).isPresent()) {
      return true;
    }
    return cache.get().read(key, () -> heldEntitlement(account, organisation, entitlement), e -> true)
        .map(e -> e.isValidAt(now))
        .orElse(false);
  }

  /** The organisation's entitlement, if the account is active there and holds it: one read. */
  private Optional<Entitlement> heldEntitlement(AccountId account, OrganisationId organisation,
      EntitlementKey entitlement) {
    return context.read(tx -> tx.memberships().findAccess(organisation, account)
        .filter(MemberAccess::isEffective)
        .filter(a -> a.membership().grants().contains(entitlement))
        .flatMap(a -> tx.entitlements().find(organisation, entitlement)));
  }

  /**
   * The account's effective access there: from the cache when it has one for which {@code
   * answersYes} holds (only a yes is answered from it), else read from the store (and kept).
   */
  private Optional<MemberAccess> effective(AccountId account, OrganisationId organisation,
      Predicate<MemberAccess> answersYes) {
    if (cache.isEmpty()) {
      return readEffective(account, organisation);
    }
    CheckCache.Key key = new CheckCache.MemberKey(organisation, account);
    Optional<MemberAccess> cached = cache.get().cached(key, MemberAccess.class).filter(answersYes);
    if (cached.isPresent()) {
      return cached;
    }
    return cache.get().read(key, () -> readEffective(account, organisation), a -> true);
  }

  private Optional<MemberAccess> readEffective(AccountId account, OrganisationId organisation) {
    return context.read(tx -> tx.memberships().findAccess(organisation, account)).filter(MemberAccess::isEffective);
  }

  /**
   * What the application check reads: from the cache when it has an access that lets the member use
   * the application at {@code now} (the client version aside), else from the store, keeping an
   * effective member's access.
   */
  private Optional<ApplicationAccess> applicationAccess(AccountId account, OrganisationId organisation,
      EntitlementKey application, Instant now) {
    if (cache.isEmpty()) {
      return readApplicationAccess(account, organisation, application);
    }
    CheckCache.Key key = new CheckCache.ApplicationKey(organisation, account, application);
    Optional<ApplicationAccess> cached = cache.get().cached(key, ApplicationAccess.class)
        .filter(a -> a.isEffective() && a.entitlementHeld() && a.granted()
            && a.entitlementEnds().filter(end -> !now.isBefore(end)).isEmpty());
    if (cached.isPresent()) {
      return cached;
    }
    return cache.get().read(key, () -> readApplicationAccess(account, organisation, application),
        ApplicationAccess::isEffective);
  }

  private Optional<ApplicationAccess> readApplicationAccess(AccountId account, OrganisationId organisation,
      EntitlementKey application) {
    return context.read(tx -> tx.applications().findAccess(organisation, account, application));
  }
}
