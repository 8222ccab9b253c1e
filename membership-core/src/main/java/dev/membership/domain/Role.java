package dev.membership.domain;

import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named set of permissions. The three built-in roles exist in every organisation; custom roles
 * belong to one organisation.
 *
 * @param id the role's id
 * @param organisationId the organisation of a custom role; empty for a built-in role
 * @param name what people see, e.g. "Billing manager"
 * @param permissions what the role allows
 * @param version optimistic version of a custom role; 0 for built-in roles
 */
public record Role(RoleId id, Optional<OrganisationId> organisationId, String name, Set<Permission> permissions, long version) {

  /** Holds every permission; only owners make owners and the last one cannot leave. */
  public static final Role OWNER = builtIn("owner", "Owner", EnumSet.allOf(Permission.class));

  /** Everything but deleting the organisation and owner changes. */
  public static final Role ADMIN =
      builtIn("admin", "Admin", EnumSet.complementOf(EnumSet.of(Permission.DELETE_ORGANISATION)));

  /** Sees the other members. */
  public static final Role MEMBER = builtIn("member", "Member", EnumSet.of(Permission.VIEW_MEMBERS));

  /** The built-in roles, most powerful first. */
  public static final List<Role> BUILT_IN = List.of(OWNER, ADMIN, MEMBER);

  private static final Set<RoleNameKeys> RESERVED_NAMES = RoleNameKeys.reservedFor(BUILT_IN.stream().map(Role::name));

  public Role {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(name, "name");
    permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    if (id.isBuiltIn() != organisationId.isEmpty()) {
      throw new IllegalArgumentException("built-in roles have no organisation, custom roles have one");
    }
  }

  private static Role builtIn(String id, String name, Set<Permission> permissions) {
    return new Role(new RoleId(id), Optional.empty(), name, permissions, 0);
  }

  /** A new custom role of an organisation. */
  public static Role custom(OrganisationId organisation, String name, Set<Permission> permissions) {
    return new Role(RoleId.newCustom(), Optional.of(organisation), name, permissions, 0);
  }

  /**
   * What a history row shows for a custom role deleted since: a removed member keeps the id of the
   * role it held, but the role itself is gone. Holds no permission.
   */
  public static Role deleted(OrganisationId organisation, RoleId id) {
    return new Role(id, Optional.of(organisation), "Deleted role", Set.of(), 0);
  }

  /** The built-in role with this id, if it is one. */
  public static Optional<Role> builtIn(RoleId id) {
    for (Role role : BUILT_IN) {
      if (role.id.equals(id)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  public boolean isBuiltIn() {
    return organisationId.isEmpty();
  }

  public boolean isOwner() {
    return id.equals(OWNER.id);
  }

  /** What makes this role's name the same as another's (see {@link RoleNameKeys}). */
  public RoleNameKeys nameKeys() {
    return RoleNameKeys.of(name);
  }

  /** Whether this role's name equals, ignoring case, or looks like the name of a built-in role. */
  public boolean nameCollidesWithBuiltIn() {
    return isBuiltInName(name);
  }

  /**
   * Whether {@code name} equals, ignoring case, or looks like the name of a built-in role ("OWNER",
   * "Оwner" with a Cyrillic О, "0wner" with a zero, "ADMlN" with a small L).
   */
  public static boolean isBuiltInName(String name) {
    RoleNameKeys keys = RoleNameKeys.of(name);
    return RESERVED_NAMES.stream().anyMatch(keys::collidesWith);
  }

  /**
   * The error for a custom role whose name another role of the organisation, or a built-in role,
   * already has (ignoring case) or looks like; every store raises this one.
   */
  public static ConflictException nameTaken() {
    return new ConflictException(ErrorCode.ROLE_NAME_TAKEN,
        "A role with this name, or one that looks the same, exists in the organisation.",
        List.of(new FieldViolation("name", "taken", "is taken by another role, or looks the same as its name")));
  }

  /** Whether the role allows {@code permission}. */
  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }

  /**
   * Whether people with this role count as administrators (the "Admin" badge): owners, and any role
   * that may manage members.
   */
  public boolean isAdministrator() {
    return isOwner() || allows(Permission.MANAGE_MEMBERS);
  }

  /** Whether this role holds every permission of {@code other} (and owner-ness when it is the owner). */
  public boolean covers(Role other) {
    return permissions.containsAll(other.permissions) && (!other.isOwner() || isOwner());
  }

  /** The same custom role with another name and permissions. */
  public Role withDefinition(String newName, Set<Permission> newPermissions) {
    if (isBuiltIn()) {
      throw new IllegalStateException("built-in roles are fixed");
    }
    return new Role(id, organisationId, newName, newPermissions, version);
  }
}
