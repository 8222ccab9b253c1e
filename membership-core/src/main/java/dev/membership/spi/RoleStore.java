package dev.membership.spi;

import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The built-in roles and the organisations' custom roles, in the transaction they were reached from
 * ({@link StoreTransaction#roles()}). Only custom roles are stored. Keeps the rules written on
 * {@link StoreTransaction}.
 */
public interface RoleStore {

  /**
   * Stores a custom role.
   *
   * @throws dev.membership.error.ConflictException {@link Role#nameTaken()} when the role's
   *     {@link Role#nameKeys() name keys} collide with those of another role of the organisation, or
   *     its name {@link Role#nameCollidesWithBuiltIn() passes for a built-in role}'s. Hold the keys
   *     under unique constraints (one per key, per organisation) so that this holds under concurrency.
   */
  void insert(Role role);

  /** A built-in role by its id, or a custom role of this organisation. */
  Optional<Role> find(OrganisationId organisation, RoleId id);

  /**
   * The built-in roles, then the organisation's custom roles by the
   * {@link dev.membership.domain.TextForms#searchForm search form} of their names, then id.
   */
  List<Role> list(OrganisationId organisation);

  /**
   * Stores a changed role (optimistic version).
   *
   * @throws dev.membership.error.ConflictException {@link Role#nameTaken()}, as {@link #insert}
   */
  Role update(Role role);

  void delete(OrganisationId organisation, RoleId id);

  /** Whether a live membership (also one deactivated, which gets it back) or a pending invitation holds the role. */
  boolean isInUse(OrganisationId organisation, RoleId role);

  /**
   * Moves every live membership (deactivated ones too) and pending invitation from one role to
   * another, bumping their versions; returns how many rows moved.
   */
  int reassign(OrganisationId organisation, RoleId from, RoleId to, Instant now);
}
