package dev.membership.testkit;

import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.DomainId;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.OrganisationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Organisations of the in-memory store. Transactions run one at a time, so {@link #lock} needs no
 * lock of its own.
 */
final class InMemoryOrganisationStore implements OrganisationStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;
  private final Map<DomainId, OrganisationDomain> domains;
  private final InMemoryApplicationStore.Rows applications;
  private final BiFunction<OrganisationId, Integer, Integer> purgeOutbox;

  InMemoryOrganisationStore(InMemoryTables tables, InMemoryTransaction tx, Map<DomainId, OrganisationDomain> domains,
      InMemoryApplicationStore.Rows applications, BiFunction<OrganisationId, Integer, Integer> purgeOutbox) {
    this.tables = tables;
    this.tx = tx;
    this.domains = domains;
    this.applications = applications;
    this.purgeOutbox = purgeOutbox;
  }

  @Override
  public void insert(Organisation organisation) {
    tx.requireNew(tables.organisations, organisation.id());
    tx.put(tables.organisations, organisation.id(), organisation);
  }

  @Override
  public Optional<Organisation> find(OrganisationId id) {
    return Optional.ofNullable(tables.organisations.get(id));
  }

  @Override
  public Optional<Organisation> lock(OrganisationId id) {
    return find(id);
  }

  @Override
  public Organisation update(Organisation o) {
    tx.current(tables.organisations, o.id(), o.version(), "The organisation");
    Organisation next = new Organisation(o.id(), o.name(), o.status(), o.discoverable(), o.createdAt(), o.version() + 1);
    tx.put(tables.organisations, o.id(), next);
    return next;
  }

  // --- Deleted organisations ---

  @Override
  public void recordDeletion(OrganisationDeletion deletion) {
    if (tables.deletions.containsKey(deletion.organisation())) {
      throw new ConflictException(ErrorCode.ORGANISATION_DELETED, "The organisation was deleted.");
    }
    tx.put(tables.deletions, deletion.organisation(), deletion);
  }

  @Override
  public Optional<OrganisationDeletion> findDeletion(OrganisationId id) {
    return Optional.ofNullable(tables.deletions.get(id));
  }

  @Override
  public List<OrganisationDeletion> deletionsReadableBy(AccountId account, Instant now, int limit) {
    return tables.deletions.values().stream()
        .filter(d -> d.auditReadableBy(account, now))
        .sorted(Comparator.comparing(OrganisationDeletion::deletedAt).reversed()
            .thenComparing(d -> d.organisation().toString()))
        .limit(Math.max(0, limit))
        .toList();
  }

  @Override
  public List<OrganisationId> deletionsDue(Instant now, int limit) {
    return tables.deletions.values().stream()
        .filter(d -> !now.isBefore(d.readableUntil()))
        .sorted(Comparator.comparing(OrganisationDeletion::readableUntil).thenComparing(d -> d.organisation().toString()))
        .map(OrganisationDeletion::organisation)
        .limit(Math.max(0, limit))
        .toList();
  }

  @Override
  public int purge(OrganisationId id, int limit) {
    Organisation organisation = tables.organisations.get(id);
    if (organisation == null || organisation.isActive()) {
      return 0;
    }
    int[] left = {limit};
    purgeFrom(tables.memberships, m -> m.organisationId().equals(id), left);
    purgeFrom(tables.invitations, i -> i.organisationId().equals(id), left);
    purgeFrom(tables.joinRequests, r -> r.organisationId().equals(id), left);
    purgeKeys(tables.roles, k -> k.organisation().equals(id), left);
    purgeFrom(tables.entitlements, e -> e.organisationId().equals(id), left);
    purgeFrom(domains, d -> d.organisationId().equals(id), left);
    purgeKeys(applications.clients, k -> k.organisation().equals(id), left);
    purgeKeys(applications.notices, k -> k.organisation().equals(id), left);
    left[0] -= purgeOutbox.apply(id, left[0]);
    List<AuditEvent> audit = tables.audit.getOrDefault(id, List.of());
    if (!audit.isEmpty() && left[0] > 0) {
      int taken = Math.min(left[0], audit.size());
      List<AuditEvent> kept = new ArrayList<>(audit.subList(taken, audit.size()));
      if (kept.isEmpty()) {
        tx.remove(tables.audit, id);
      } else {
        tx.put(tables.audit, id, kept);
      }
      left[0] -= taken;
    }
    if (left[0] > 0) { // every step above took fewer rows than it could: none is left
      tx.remove(tables.deletions, id);
      tx.remove(tables.organisations, id);
      left[0] -= Math.min(2, left[0]);
    }
    return limit - left[0];
  }

  private <K, V> void purgeFrom(Map<K, V> table, Predicate<V> of, int[] left) {
    if (left[0] <= 0) {
      return;
    }
    List<K> keys = table.entrySet().stream().filter(e -> of.test(e.getValue())).map(Map.Entry::getKey)
        .limit(left[0]).toList();
    keys.forEach(k -> tx.remove(table, k));
    left[0] -= keys.size();
  }

  private <K, V> void purgeKeys(Map<K, V> table, Predicate<K> of, int[] left) {
    if (left[0] <= 0) {
      return;
    }
    List<K> keys = table.keySet().stream().filter(of).limit(left[0]).toList();
    keys.forEach(k -> tx.remove(table, k));
    left[0] -= keys.size();
  }
}
