package dev.membership.testkit;

import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.spi.OrganisationStore;
import java.util.Optional;

/**
 * Organisations of the in-memory store. Transactions run one at a time, so {@link #lock} needs no
 * lock of its own.
 */
final class InMemoryOrganisationStore implements OrganisationStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryOrganisationStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
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
}
