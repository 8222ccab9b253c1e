package dev.membership.testkit;

import dev.membership.domain.AccountId;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.query.MemberAccess;
import dev.membership.spi.MemberStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Memberships of the in-memory store, with the unique "one live membership per account and organisation". */
final class InMemoryMemberStore implements MemberStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryMemberStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
  }

  @Override
  public void insert(Membership membership) {
    tx.requireNew(tables.memberships, membership.id());
    if (membership.status().isLive()
        && tables.findLiveMembership(membership.organisationId(), membership.accountId()).isPresent()) {
      throw new ConflictException(ErrorCode.ALREADY_MEMBER, "The account is already a member of the organisation.");
    }
    tx.put(tables.memberships, membership.id(), membership);
  }

  @Override
  public Membership update(Membership m) {
    Membership stored = tx.current(tables.memberships, m.id(), m.version(), "The membership");
    if (!stored.organisationId().equals(m.organisationId()) || !stored.accountId().equals(m.accountId())) {
      throw new IllegalArgumentException("a membership's organisation and account do not change");
    }
    if (!stored.status().isLive() && m.status().isLive()) {
      throw new IllegalArgumentException("a removed membership stays removed");
    }
    Membership next = InMemoryTables.withVersion(m, m.version() + 1);
    tx.put(tables.memberships, m.id(), next);
    return next;
  }

  @Override
  public Optional<Membership> find(OrganisationId organisation, MembershipId id) {
    return Optional.ofNullable(tables.memberships.get(id)).filter(m -> m.organisationId().equals(organisation));
  }

  @Override
  public Optional<Membership> findLive(OrganisationId organisation, AccountId account) {
    return tables.findLiveMembership(organisation, account);
  }

  @Override
  public Optional<MemberAccess> findAccess(OrganisationId organisation, AccountId account) {
    return findLive(organisation, account)
        .map(m -> new MemberAccess(Objects.requireNonNull(tables.organisations.get(organisation), "organisation"), m,
            // As the SQL store: a custom role not of this organisation (or gone) holds no permission.
            tables.findRole(organisation, m.roleId()).orElseGet(() -> Role.deleted(organisation, m.roleId())),
            Objects.requireNonNull(tables.accounts.get(account), "account").credentialState()));
  }

  @Override
  public long countActiveWithRole(OrganisationId organisation, RoleId role) {
    return tables.memberships.values().stream()
        .filter(m -> m.organisationId().equals(organisation) && m.isActive() && m.roleId().equals(role))
        .count();
  }

  @Override
  public List<Membership> activeWithRoles(OrganisationId organisation, Set<RoleId> roles, int limit) {
    return tables.memberships.values().stream()
        .filter(m -> m.organisationId().equals(organisation) && m.isActive() && roles.contains(m.roleId()))
        .sorted(Comparator.comparing(m -> m.id().toString()))
        .limit(limit)
        .toList();
  }

  @Override
  public boolean hasLiveOutside(AccountId account, OrganisationId organisation) {
    return tables.memberships.values().stream()
        .anyMatch(m -> m.accountId().equals(account) && !m.organisationId().equals(organisation) && m.status().isLive());
  }
}
