package dev.membership.testkit;

import dev.membership.domain.AccountId;
import dev.membership.domain.DomainId;
import dev.membership.domain.DomainName;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.DomainStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The domains of the in-memory store, with its two unique keys: a name once per organisation, and
 * verified by one organisation at a time. Guarded by the store's lock; the rows live here rather than
 * in {@link InMemoryTables}, and each transaction writes them through its undo log.
 */
final class InMemoryDomainStore implements DomainStore {
  private final Map<DomainId, OrganisationDomain> rows;
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryDomainStore(Map<DomainId, OrganisationDomain> rows, InMemoryTables tables, InMemoryTransaction tx) {
    this.rows = rows;
    this.tables = tables;
    this.tx = tx;
  }

  /** The table the store keeps for all its transactions. */
  static Map<DomainId, OrganisationDomain> newTable() {
    return new LinkedHashMap<>();
  }

  @Override
  public void insert(OrganisationDomain domain) {
    tx.requireNew(rows, domain.id());
    if (findByName(domain.organisationId(), domain.name()).isPresent()) {
      throw new ConflictException(ErrorCode.DOMAIN_ALREADY_ADDED, "The organisation added this domain already.");
    }
    requireVerifiedOnce(domain);
    tx.put(rows, domain.id(), domain);
  }

  @Override
  public OrganisationDomain update(OrganisationDomain domain) {
    OrganisationDomain stored = rows.get(domain.id());
    if (stored == null || stored.version() != domain.version()) {
      throw new ConcurrentModificationException("The domain");
    }
    if (!stored.organisationId().equals(domain.organisationId()) || !stored.name().equals(domain.name())) {
      throw new IllegalArgumentException("a domain's organisation and name do not change");
    }
    requireVerifiedOnce(domain);
    OrganisationDomain next = new OrganisationDomain(domain.id(), domain.organisationId(), domain.name(),
        domain.status(), domain.verificationToken(), domain.verifiedBy(), domain.verifiedAt(), domain.enrollment(),
        domain.enrollmentRole(), domain.enrollmentGrants(), domain.addedBy(), domain.createdAt(), domain.version() + 1);
    tx.put(rows, domain.id(), next);
    return next;
  }

  private void requireVerifiedOnce(OrganisationDomain domain) {
    if (domain.isVerified() && findVerified(domain.name()).filter(d -> !d.id().equals(domain.id())).isPresent()) {
      throw new ConflictException(ErrorCode.DOMAIN_VERIFIED_ELSEWHERE, "Another organisation verified this domain.");
    }
  }

  @Override
  public boolean delete(OrganisationId organisation, DomainId id) {
    if (find(organisation, id).isEmpty()) {
      return false;
    }
    tx.remove(rows, id);
    return true;
  }

  @Override
  public Optional<OrganisationDomain> find(OrganisationId organisation, DomainId id) {
    return Optional.ofNullable(rows.get(id)).filter(d -> d.organisationId().equals(organisation));
  }

  @Override
  public Optional<OrganisationDomain> findByName(OrganisationId organisation, DomainName name) {
    return rows.values().stream().filter(d -> d.organisationId().equals(organisation) && d.name().equals(name))
        .findFirst();
  }

  @Override
  public List<OrganisationDomain> list(OrganisationId organisation, int limit) {
    return rows.values().stream().filter(d -> d.organisationId().equals(organisation))
        .sorted(Comparator.comparing(OrganisationDomain::name).thenComparing(d -> d.id().toString()))
        .limit(Math.max(0, limit))
        .toList();
  }

  @Override
  public Optional<OrganisationDomain> findVerified(DomainName name) {
    return rows.values().stream().filter(d -> d.isVerified() && d.name().equals(name)).findFirst();
  }

  @Override
  public boolean hasMembershipHistory(OrganisationId organisation, AccountId account) {
    return tables.memberships.values().stream()
        .anyMatch(m -> m.organisationId().equals(organisation) && m.accountId().equals(account));
  }
}
