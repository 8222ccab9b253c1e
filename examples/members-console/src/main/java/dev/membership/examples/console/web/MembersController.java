package dev.membership.examples.console.web;

import dev.membership.CreatedMember;
import dev.membership.Membership;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.InvitationId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.MembershipException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.examples.console.ConsoleProperties;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberListing;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The members page: members and pending invitations with their badges, search, filters and keyset
 * pages; the "Add Member" dialog; and each row's menu. Every action is one library call, which checks
 * the viewer's permission again whatever the page showed.
 */
@Controller
public class MembersController {
  private final Membership membership;
  private final CurrentOrganisation currentOrganisation;
  private final ErrorMessages errors;
  private final ConsoleProperties properties;

  public MembersController(Membership membership, CurrentOrganisation currentOrganisation, ErrorMessages errors,
      ConsoleProperties properties) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.errors = errors;
    this.properties = properties;
  }

  @GetMapping("/members")
  String members(@AuthenticationPrincipal SignedInAccount me, HttpSession session,
      @RequestParam(required = false) String q, @RequestParam(required = false) MemberBadge badge,
      @RequestParam(required = false) String role, @RequestParam(required = false) MembershipOrigin origin,
      @RequestParam(required = false) String after, Model model) {
    AccountOrganisation current = currentOrganisation.require(me, session);
    OrganisationId organisation = current.organisation().id();
    PageRequest pageRequest = new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()),
        properties.pageSize());
    MemberQuery query = new MemberQuery(badge == null ? Set.of() : Set.of(badge),
        role == null || role.isBlank() ? Set.of() : Set.of(RoleId.of(role)),
        origin == null ? Set.of() : Set.of(origin), Optional.ofNullable(q), pageRequest);
    Page<MemberListing> page = membership.members().listWithActions(me.id(), organisation, query);
    List<Role> roles = membership.roles().list(me.id(), organisation);
    model.addAttribute("rows", page.items().stream().map(MemberRowView::of).toList());
    model.addAttribute("nextCursor", page.nextCursor().orElse(null));
    model.addAttribute("roles", roles);
    model.addAttribute("grantableRoles", roles.stream().filter(r -> MemberRowView.mayGive(current, r)).toList());
    // Each access with its free seats, for the Add Member dialog and the rows' access pickers.
    model.addAttribute("entitlements", AccessOption.of(membership.entitlements().usage(me.id(), organisation)));
    model.addAttribute("canManage", current.role().allows(Permission.MANAGE_MEMBERS) && current.membership().isActive());
    model.addAttribute("canReview", current.role().allows(Permission.REVIEW_JOIN_REQUESTS));
    model.addAttribute("badges", List.of(MemberBadge.PENDING, MemberBadge.EXPIRED, MemberBadge.ACTIVE, MemberBadge.CREATED_BY_ADMIN,
        MemberBadge.DEACTIVATED, MemberBadge.REMOVED));
    model.addAttribute("origins", MembershipOrigin.values());
    model.addAttribute("q", q);
    model.addAttribute("badge", badge);
    model.addAttribute("role", role);
    model.addAttribute("origin", origin);
    model.addAttribute("after", after);
    return "members";
  }

  /** "Add Member": "Send Invite" e-mails a link; "Create User" makes the account with a temporary password. */
  @PostMapping("/members/add")
  String add(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @RequestParam String email,
      @RequestParam(defaultValue = "") String displayName, @RequestParam String role,
      @RequestParam(required = false) List<String> access, @RequestParam(defaultValue = "false") boolean manual,
      @RequestParam(defaultValue = "") String password, @RequestParam String submit, Model model,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    Set<EntitlementKey> grants = access == null ? Set.of()
        : access.stream().map(EntitlementKey::of).collect(Collectors.toSet());
    try {
      if ("create".equals(submit)) {
        Optional<Password> chosen = manual && !password.isEmpty() ? Optional.of(Password.of(password)) : Optional.empty();
        CreatedMember created = membership.members().createDirectly(me.id(), organisation,
            new NewAccount(email, displayName, RoleId.of(role), grants, chosen));
        return credentials(model, created.account().email().value(), created.temporaryPassword(),
            "User created", "Give this temporary password to " + created.account().displayName()
                + ". They must choose their own password when they first sign in.");
      }
      membership.invitations().invite(me.id(), organisation, new Invite(email, RoleId.of(role), grants));
      redirect.addFlashAttribute("notice", "Invitation sent to " + email.strip() + ".");
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    return "redirect:/members";
  }

  @PostMapping("/members/{id}/role")
  String changeRole(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      @RequestParam String role, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The role was changed.",
        () -> membership.members().changeRole(me.id(), organisation, MembershipId.of(id), RoleId.of(role)));
  }

  /** Sets which application access an active member holds, all or nothing (one library call). */
  @PostMapping("/members/{id}/access")
  String access(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      @RequestParam(required = false) List<String> access, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    Set<EntitlementKey> wanted = access == null ? Set.of()
        : access.stream().map(EntitlementKey::of).collect(Collectors.toSet());
    return act(redirect, "The application access was changed.",
        () -> membership.members().setAccess(me.id(), organisation, MembershipId.of(id), wanted));
  }

  @PostMapping("/members/{id}/deactivate")
  String deactivate(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The member was deactivated; their sessions ended.",
        () -> membership.members().deactivate(me.id(), organisation, MembershipId.of(id)));
  }

  @PostMapping("/members/{id}/reactivate")
  String reactivate(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The member was reactivated with the role and access they had.",
        () -> membership.members().reactivate(me.id(), organisation, MembershipId.of(id)));
  }

  @PostMapping("/members/{id}/remove")
  String remove(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The member was removed from the organisation.",
        () -> membership.members().remove(me.id(), organisation, MembershipId.of(id)));
  }

  @PostMapping("/members/{id}/password")
  String changePassword(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      @RequestParam(defaultValue = "") String password, Model model, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    try {
      Password set = membership.members().changePassword(me.id(), organisation, MembershipId.of(id),
          Password.of(password));
      return credentials(model, null, set, "Password changed",
          "This is a temporary password: the person chooses their own at the next sign-in.");
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
      return "redirect:/members";
    }
  }

  @PostMapping("/members/{id}/credentials")
  String resendCredentials(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      Model model, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    try {
      Password set = membership.members().resendCredentials(me.id(), organisation, MembershipId.of(id));
      return credentials(model, null, set, "New temporary password",
          "The old password no longer works. Give this one to the person; they choose their own at the next sign-in.");
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
      return "redirect:/members";
    }
  }

  @PostMapping("/members/invitations/{id}/resend")
  String resendInvitation(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The invitation was sent again with a new link; the old link no longer works.",
        () -> membership.invitations().resend(me.id(), organisation, InvitationId.of(id)));
  }

  @PostMapping("/members/invitations/{id}/cancel")
  String cancelInvitation(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    return act(redirect, "The invitation was cancelled; its link no longer works.",
        () -> membership.invitations().cancel(me.id(), organisation, InvitationId.of(id)));
  }

  /**
   * Runs a row action and comes back to the page with a sentence. A permission refusal is not a
   * message on the page but a 403 page: the menu never offered the action.
   */
  private String act(RedirectAttributes redirect, String done, Supplier<?> action) {
    try {
      action.get();
      redirect.addFlashAttribute("notice", done);
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    return "redirect:/members";
  }

  /** Shows a password once, in the response to the request that made it; it is never stored. */
  private static String credentials(Model model, String email, Password password, String title, String explanation) {
    model.addAttribute("title", title);
    model.addAttribute("email", email);
    model.addAttribute("password", password.reveal());
    model.addAttribute("explanation", explanation);
    return "credentials";
  }
}
