package dev.membership.spi;

import dev.membership.domain.AccountId;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.RoleId;
import dev.membership.query.MemberAccess;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Memberships (an account's place in one organisation), in the transaction they were reached from
 * ({@link StoreTransaction#memberships()}). A membership is <em>live</em> while active or deactivated.
 * Keeps the rules written on {@link StoreTransaction}.
 */
public interface MemberStore {

  /**
   * Stores a new membership.
   *
   * @throws dev.membership.error.ConflictException {@code ALREADY_MEMBER} if a live one exists
   */
  void insert(Membership membership);

  /**
   * Stores a changed membership (optimistic version). Its organisation and account never change, and
   * a removed membership stays removed.
   */
  Membership update(Membership membership);

  Optional<Membership> find(OrganisationId organisation, MembershipId id);

  /** The active or deactivated membership of the account, if any. */
  Optional<Membership> findLive(OrganisationId organisation, AccountId account);

  /** The live membership with its organisation, role and credential state, read in one query: the permission check's path. */
  Optional<MemberAccess> findAccess(OrganisationId organisation, AccountId account);

  /** How many active members hold the role. */
  long countActiveWithRole(OrganisationId organisation, RoleId role);

  /** Active members holding any of the roles, ordered by id, at most {@code limit}. */
  List<Membership> activeWithRoles(OrganisationId organisation, Set<RoleId> roles, int limit);

  /** Whether the account has a live membership in any organisation but {@code organisation}. */
  boolean hasLiveOutside(AccountId account, OrganisationId organisation);
}
