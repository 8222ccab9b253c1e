package dev.membership;

import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.PermissionDeniedException;
import dev.membership.internal.Context;
import dev.membership.internal.Guard;
import dev.membership.internal.OwnerLock;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.GrantableRoles;
import dev.membership.query.MemberAccess;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The built-in roles and an organisation's custom roles. Nobody defines a role with a permission it
 * does not hold itself.
 */
public final class Roles {
  private final Context context;

  Roles(Context context) {
    this.context = context;
  }

  /** The built-in roles, then the custom roles by name. Needs {@code VIEW_MEMBERS}. */
  public List<Role> list(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      return tx.roles().list(organisation);
    });
  }

  /**
   * The roles {@code actor} may give in the organisation, by the same rules {@code invite}, {@code
   * resend}, {@code changeRole}, "create user directly" and join-request approval enforce, each list
   * in the order of {@link #list}. Any active member may ask about itself; the lists are empty where
   * its role lacks {@code MANAGE_MEMBERS} or {@code REVIEW_JOIN_REQUESTS}.
   */
  public GrantableRoles grantableBy(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> {
      MemberAccess access = Context.requireMember(tx, actor, organisation);
      Role held = access.role();
      List<Role> roles = tx.roles().list(organisation);
      List<Role> toInvite = held.allows(Permission.MANAGE_MEMBERS)
          ? roles.stream().filter(r -> Guard.canGrant(held, r)).toList() : List.of();
      List<Role> toApprove = held.allows(Permission.REVIEW_JOIN_REQUESTS)
          ? roles.stream().filter(r -> r.id().equals(Role.MEMBER.id()) || Guard.canGrant(held, r)).toList() : List.of();
      return new GrantableRoles(toInvite, toApprove);
    });
  }

  /**
   * Creates a custom role. Needs {@code MANAGE_ROLES} and every permission the role would hold. Its
   * name must differ from every other role's of the organisation, built-in roles included, ignoring
   * case and look-alike characters ({@code ROLE_NAME_TAKEN} on field {@code name}; see
   * {@link dev.membership.domain.RoleNameKeys}).
   */
  public Role create(AccountId actor, OrganisationId organisation, RoleDefinition definition) {
    context.validator.check("role", definition);
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_ROLES);
      requireNotBuiltInName(definition);
      Role role = Role.custom(organisation, definition.name(), definition.permissions());
      Guard.mayGrant(access.role(), role);
      uow.tx.roles().insert(role);
      uow.audit(organisation, actor, AuditAction.ROLE_CREATED, Optional.empty(), role.name(),
          Map.of("permissions", role.permissions().stream().map(Enum::name).sorted().toList().toString()));
      return role;
    });
  }

  /**
   * Renames a custom role or changes its permissions; members holding it are affected at once. The
   * actor must hold every permission of the role both before and after.
   */
  public Role update(AccountId actor, OrganisationId organisation, RoleId id, RoleDefinition definition) {
    context.validator.check("role", definition);
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_ROLES);
      Role current = custom(uow, organisation, id);
      requireNotBuiltInName(definition);
      Role next = current.withDefinition(definition.name(), definition.permissions());
      Guard.mayGrant(access.role(), current);
      Guard.mayGrant(access.role(), next);
      Role saved = uow.tx.roles().update(next);
      uow.audit(organisation, actor, AuditAction.ROLE_CHANGED, Optional.empty(), next.name(),
          Map.of("from", current.name(), "permissions", next.permissions().stream().map(Enum::name).sorted().toList().toString()));
      return saved;
    });
  }

  /** Deletes a custom role nobody uses; a role in use is refused with {@code ROLE_IN_USE}. */
  public void delete(AccountId actor, OrganisationId organisation, RoleId id) {
    context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_ROLES);
      Role role = custom(uow, organisation, id);
      Guard.mayGrant(access.role(), role);
      if (uow.tx.roles().isInUse(organisation, id)) {
        throw new ConflictException(ErrorCode.ROLE_IN_USE,
            "Members or pending invitations hold the role " + role.name() + ": say which role they move to.");
      }
      remove(uow, actor, organisation, role, Map.of());
      return null;
    });
  }

  /**
   * Deletes a custom role, moving everyone who holds it (members, deactivated members' stored role,
   * pending invitations) to {@code replacement}, which the actor must be able to give.
   */
  public int delete(AccountId actor, OrganisationId organisation, RoleId id, RoleId replacement) {
    Objects.requireNonNull(replacement, "replacement");
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_ROLES);
      Role role = custom(uow, organisation, id);
      Role target = uow.role(organisation, replacement);
      if (target.id().equals(role.id())) {
        throw new ConflictException(ErrorCode.ROLE_IN_USE, "Members cannot move to the role being deleted.");
      }
      if (!access.role().allows(Permission.MANAGE_MEMBERS)) {
        throw new PermissionDeniedException("Moving members to another role needs the manage members permission.");
      }
      Guard.mayGrant(access.role(), role);
      Guard.mayGrant(access.role(), target);
      // Making owners: serialised with other ownership changes, the actor checked again.
      OwnerLock.beforeGiving(uow, organisation, actor, Permission.MANAGE_ROLES, target);
      int moved = uow.tx.roles().reassign(organisation, id, replacement, uow.now);
      remove(uow, actor, organisation, role, Map.of("movedTo", target.name(), "moved", Integer.toString(moved)));
      return moved;
    });
  }

  /** "Оwner" with a Cyrillic О, "0wner" with a zero: no custom role passes for a built-in one. */
  private static void requireNotBuiltInName(RoleDefinition definition) {
    if (Role.isBuiltInName(definition.name())) {
      throw Role.nameTaken();
    }
  }

  private static void remove(UnitOfWork uow, AccountId actor, OrganisationId organisation, Role role, Map<String, String> details) {
    uow.tx.roles().delete(organisation, role.id());
    uow.audit(organisation, actor, AuditAction.ROLE_DELETED, Optional.empty(), role.name(), details);
  }

  private static Role custom(UnitOfWork uow, OrganisationId organisation, RoleId id) {
    Role role = uow.role(organisation, id);
    if (role.isBuiltIn()) {
      throw new ConflictException(ErrorCode.BUILT_IN_ROLE_IS_FIXED, "The built-in roles cannot be changed or deleted.");
    }
    return role;
  }
}
