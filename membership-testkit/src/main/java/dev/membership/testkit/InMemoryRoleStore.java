package dev.membership.testkit;

import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.RoleNameKeys;
import dev.membership.domain.TextForms;
import dev.membership.spi.RoleStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Custom roles of the in-memory store (built-in roles are not stored), with unique name keys. */
final class InMemoryRoleStore implements RoleStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryRoleStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
  }

  @Override
  public void insert(Role role) {
    InMemoryTables.RoleKey key = new InMemoryTables.RoleKey(role.organisationId().orElseThrow(), role.id());
    tx.requireNew(tables.roles, key);
    requireUniqueName(role);
    tx.put(tables.roles, key, role);
  }

  /** As the SQL store's unique keys: no other role of the organisation shares a name key. */
  private void requireUniqueName(Role role) {
    RoleNameKeys keys = role.nameKeys();
    OrganisationId organisation = role.organisationId().orElseThrow();
    boolean taken = role.nameCollidesWithBuiltIn() || tables.roles.values().stream()
        .filter(r -> r.organisationId().equals(Optional.of(organisation)))
        .anyMatch(r -> !r.id().equals(role.id()) && r.nameKeys().collidesWith(keys));
    if (taken) {
      throw Role.nameTaken();
    }
  }

  @Override
  public Optional<Role> find(OrganisationId organisation, RoleId id) {
    return tables.findRole(organisation, id);
  }

  @Override
  public List<Role> list(OrganisationId organisation) {
    return Stream.concat(Role.BUILT_IN.stream(), tables.roles.values().stream()
            .filter(r -> r.organisationId().equals(Optional.of(organisation)))
            .sorted(Comparator.comparing((Role r) -> TextForms.searchForm(r.name())).thenComparing(r -> r.id().value())))
        .toList();
  }

  @Override
  public Role update(Role role) {
    InMemoryTables.RoleKey key = new InMemoryTables.RoleKey(role.organisationId().orElseThrow(), role.id());
    tx.current(tables.roles, key, role.version(), "The role");
    requireUniqueName(role);
    Role next = new Role(role.id(), role.organisationId(), role.name(), role.permissions(), role.version() + 1);
    tx.put(tables.roles, key, next);
    return next;
  }

  @Override
  public void delete(OrganisationId organisation, RoleId id) {
    tx.remove(tables.roles, new InMemoryTables.RoleKey(organisation, id));
  }

  @Override
  public boolean isInUse(OrganisationId organisation, RoleId role) {
    return tables.memberships.values().stream().anyMatch(m -> holds(m, organisation, role))
        || tables.invitations.values().stream().anyMatch(i -> holds(i, organisation, role));
  }

  @Override
  public int reassign(OrganisationId organisation, RoleId from, RoleId to, Instant now) {
    int moved = 0;
    for (Membership m : List.copyOf(tables.memberships.values())) {
      if (holds(m, organisation, from)) {
        tx.put(tables.memberships, m.id(), InMemoryTables.withVersion(m.reassignRole(from, to, now), m.version() + 1));
        moved++;
      }
    }
    for (Invitation i : List.copyOf(tables.invitations.values())) {
      if (holds(i, organisation, from)) {
        tx.put(tables.invitations, i.id(), InMemoryTables.withVersion(i.withRole(to, now), i.version() + 1));
        moved++;
      }
    }
    return moved;
  }

  /** A live membership holds its role, deactivated too (it gets it back). */
  private static boolean holds(Membership m, OrganisationId organisation, RoleId role) {
    return m.organisationId().equals(organisation) && m.status().isLive() && m.roleId().equals(role);
  }

  private static boolean holds(Invitation i, OrganisationId organisation, RoleId role) {
    return i.organisationId().equals(organisation) && i.status() == InvitationStatus.PENDING && i.roleId().equals(role);
  }
}
