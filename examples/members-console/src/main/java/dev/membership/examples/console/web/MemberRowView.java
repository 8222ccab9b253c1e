package dev.membership.examples.console.web;

import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberRow;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the members page as the template shows it, with the row-menu actions that apply to it
 * and that the viewer may take.
 *
 * @param invitation whether the row is a pending invitation (else a member)
 * @param id the membership or invitation id
 * @param email the address
 * @param name the person's name; empty for an invitation
 * @param roleId the role's id
 * @param roleName the role's name
 * @param badge the badge
 * @param origin how the member joined
 * @param access the application access held or offered
 * @param actions what the viewer's row menu offers
 */
public record MemberRowView(
    boolean invitation,
    String id,
    String email,
    String name,
    String roleId,
    String roleName,
    MemberBadge badge,
    MembershipOrigin origin,
    List<String> access,
    Set<Action> actions) {

  /** A row-menu entry. */
  public enum Action {
    RESEND_INVITE, CANCEL_INVITATION, CHANGE_ROLE, DEACTIVATE, REACTIVATE, REMOVE, CHANGE_PASSWORD, RESEND_CREDENTIALS
  }

  static MemberRowView of(MemberRow row, AccountOrganisation viewer) {
    return switch (row) {
      case MemberRow.Invited invited -> new MemberRowView(true, invited.invitation().id().toString(),
          row.email().value(), "", row.role().id().value(), row.role().name(), row.badge(),
          invited.invitation().joinRequestId().isPresent() ? MembershipOrigin.JOIN_REQUEST : MembershipOrigin.INVITATION,
          keys(invited.invitation().grants()),
          mayGive(viewer, row.role()) ? EnumSet.of(Action.RESEND_INVITE, Action.CANCEL_INVITATION) : Set.of());
      case MemberRow.Member member -> new MemberRowView(false, member.membership().id().toString(),
          row.email().value(), member.account().displayName(), row.role().id().value(), row.role().name(), row.badge(),
          member.membership().origin(), keys(member.membership().grants()),
          memberActions(member, viewer));
    };
  }

  private static Set<Action> memberActions(MemberRow.Member member, AccountOrganisation viewer) {
    AccountId self = viewer.membership().accountId();
    if (member.account().id().equals(self) || !mayGive(viewer, member.role())) {
      return Set.of();
    }
    // Only an account this organisation created can have its password set here; the library refuses
    // it anyway when the account has joined another organisation since.
    boolean credentialsManagedHere = member.membership().origin() == MembershipOrigin.CREATED_BY_ADMIN;
    return switch (member.membership().status()) {
      case ACTIVE -> {
        Set<Action> actions = EnumSet.of(Action.CHANGE_ROLE, Action.DEACTIVATE, Action.REMOVE);
        if (credentialsManagedHere) {
          actions.add(Action.CHANGE_PASSWORD);
          actions.add(Action.RESEND_CREDENTIALS);
        }
        yield actions;
      }
      case DEACTIVATED -> EnumSet.of(Action.REACTIVATE, Action.REMOVE);
      case REMOVED -> Set.of();
    };
  }

  /**
   * Whether the viewer may change someone holding {@code role} (or give it): it manages members and
   * holds every permission of the role, and only owners touch owners. The library checks the same
   * again on every command.
   */
  static boolean mayGive(AccountOrganisation viewer, Role role) {
    Role own = viewer.role();
    return viewer.membership().isActive() && own.allows(Permission.MANAGE_MEMBERS) && own.covers(role)
        && (!role.isOwner() || own.isOwner());
  }

  private static List<String> keys(Set<EntitlementKey> grants) {
    return grants.stream().map(EntitlementKey::value).sorted().toList();
  }

  public boolean can(String action) {
    return actions.contains(Action.valueOf(action));
  }

  public boolean hasActions() {
    return !actions.isEmpty();
  }
}
