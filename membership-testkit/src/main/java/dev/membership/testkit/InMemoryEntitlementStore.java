package dev.membership.testkit;

import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.EntitlementStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Entitlements of the in-memory store, and the seats active members and open invitations take. */
final class InMemoryEntitlementStore implements EntitlementStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryEntitlementStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
  }

  @Override
  public void insert(Entitlement entitlement) {
    InMemoryTables.EntitlementRef ref = new InMemoryTables.EntitlementRef(entitlement.organisationId(), entitlement.key());
    if (tables.entitlements.containsKey(ref)) {
      throw new ConflictException(ErrorCode.ENTITLEMENT_ALREADY_DEFINED, "The organisation holds this entitlement already.");
    }
    tx.put(tables.entitlements, ref, entitlement);
  }

  @Override
  public Optional<Entitlement> find(OrganisationId organisation, EntitlementKey key) {
    return Optional.ofNullable(tables.entitlements.get(new InMemoryTables.EntitlementRef(organisation, key)));
  }

  @Override
  public List<Entitlement> list(OrganisationId organisation) {
    return tables.entitlements.values().stream()
        .filter(e -> e.organisationId().equals(organisation))
        .sorted(Comparator.comparing(Entitlement::key))
        .toList();
  }

  @Override
  public Entitlement update(Entitlement e) {
    InMemoryTables.EntitlementRef ref = new InMemoryTables.EntitlementRef(e.organisationId(), e.key());
    tx.current(tables.entitlements, ref, e.version(), "The entitlement");
    Entitlement next = new Entitlement(e.organisationId(), e.key(), e.name(), e.seatLimit(), e.validUntil(), e.version() + 1);
    tx.put(tables.entitlements, ref, next);
    return next;
  }

  @Override
  public long countSeatsInUse(OrganisationId organisation, EntitlementKey entitlement, Instant now) {
    long members = tables.memberships.values().stream()
        .filter(m -> m.organisationId().equals(organisation) && m.isActive() && m.grants().contains(entitlement))
        .count();
    long invited = tables.invitations.values().stream()
        .filter(i -> i.organisationId().equals(organisation) && i.isOpenAt(now) && i.grants().contains(entitlement))
        .count();
    return members + invited;
  }
}
