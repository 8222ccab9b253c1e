package dev.membership.examples.console.web;

import dev.membership.CreatedMember;
import dev.membership.Members;
import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.InvitationId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.RoleId;
import dev.membership.error.MembershipException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.examples.console.ConsoleProperties;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberListing;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
public record MembersController(Memberships membership, CurrentOrganisation currentOrganisation,
    ErrorMessages errors, ConsoleProperties properties, AdminNotices notices) {

  @GetMapping("/members")
  String members(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam(required = false) String q, @RequestParam(required = false) MemberBadge badge,
      @RequestParam(required = false) String role, @RequestParam(required = false) MembershipOrigin origin,
      @RequestParam(required = false) String after, @RequestParam(required = false) String before,
      @RequestParam(name = "p", required = false, defaultValue = "1") int pageNumber, Model model) {
    OrganisationId organisation = current.organisation().id();
    // Pending invitees' addresses and removed or deactivated people are for those who manage members;
    // everyone else sees the active members only. (The library lists every row to VIEW_MEMBERS.)
    boolean seesEveryone = current.role().allows(Permission.MANAGE_MEMBERS);
    MemberBadge shown = seesEveryone ? badge : MemberBadge.ACTIVE;
    // Both ways from the library's own cursors: "previous" is the page before this page's first row.
    PageRequest pageRequest = before != null && !before.isBlank()
        ? PageRequest.first(properties.pageSize()).before(before)
        : new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()), properties.pageSize());
    MemberQuery query = new MemberQuery(shown == null ? Set.of() : Set.of(shown),
        role == null || role.isBlank() ? Set.of() : Set.of(RoleId.of(role)),
        !seesEveryone || origin == null ? Set.of() : Set.of(origin), Optional.ofNullable(q), pageRequest);
    Page<MemberListing> page = membership.members().listWithActions(me.id(), organisation, query);
    model.addAttribute("rows", page.items().stream().map(listing -> MemberRowView.of(listing, me.id())).toList());
    model.addAttribute("nextCursor", page.nextCursor().orElse(null));
    model.addAttribute("previousCursor", page.previousCursor().orElse(null));
    model.addAttribute("pageNumber", page.previousCursor().isEmpty() ? 1 : Math.max(2, pageNumber));
    // "Members (N)" from the counts the library keeps (one read, not a count per page).
    MemberCounts counts = membership.members().counts(me.id(), organisation);
    model.addAttribute("memberCount", seesEveryone ? counts.members() : counts.active());
    model.addAttribute("invitedCount", counts.invited());
    model.addAttribute("roles", membership.roles().list(me.id(), organisation));
    // The role selects offer what the library says this person may give; it checks again on every command.
    model.addAttribute("grantableRoles", membership.roles().grantableBy(me.id(), organisation).toInvite());
    // Each access with its free seats, for the Add Member dialog and the rows' access pickers.
    model.addAttribute("entitlements", AccessOption.of(membership.entitlements().usage(me.id(), organisation)));
    model.addAttribute("canManage", current.role().allows(Permission.MANAGE_MEMBERS) && current.membership().isActive());
    model.addAttribute("canReview", current.role().allows(Permission.REVIEW_JOIN_REQUESTS));
    model.addAttribute("seesEveryone", seesEveryone);
    model.addAttribute("notices", current.membership().isActive() ? notices.recent(organisation, current.role()) : List.of());
    model.addAttribute("badges", List.of(MemberBadge.PENDING, MemberBadge.EXPIRED, MemberBadge.ACTIVE, MemberBadge.CREATED_BY_ADMIN,
        MemberBadge.DEACTIVATED, MemberBadge.REMOVED));
    model.addAttribute("origins", MembershipOrigin.values());
    model.addAttribute("q", q);
    model.addAttribute("badge", shown);
    model.addAttribute("role", role);
    model.addAttribute("origin", origin);
    model.addAttribute("after", after);
    if (!model.containsAttribute("addForm")) {
      model.addAttribute("addForm", AddMemberForm.empty());
    }
    return "members";
  }

  /**
   * "Add Member": "Send Invite" e-mails a link; "Create User" makes the account with a temporary
   * password, shown on the page the browser is sent to next (reloading it sends nothing again). A
   * refusal other than a permission refusal reopens the dialog with what was typed and the sentence
   * inside it, instead of the sentence above the page that {@link RefusedTo} gives the other actions.
   */
  @PostMapping("/members/add")
  String add(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @RequestParam String email,
      @RequestParam(defaultValue = "") String displayName, @RequestParam String role,
      @RequestParam(required = false) List<String> access, @RequestParam(defaultValue = "false") boolean manual,
      @RequestParam(defaultValue = "") String password, @RequestParam String submit,
      RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    Set<EntitlementKey> grants = keys(access);
    AddMemberForm typed = new AddMemberForm(email, displayName, role,
        access == null ? List.of() : List.copyOf(access), manual, "");
    if ("create".equals(submit) && manual && password.isEmpty()) {
      redirect.addFlashAttribute("addForm", typed.withError(
          "Type a password, or untick \u201cSet password manually\u201d to have one generated."));
      return "redirect:/members";
    }
    try {
      if ("create".equals(submit)) {
        Optional<Password> chosen = manual ? Optional.of(Password.of(password)) : Optional.empty();
        CreatedMember created = membership.members().createDirectly(me.id(), organisation,
            new NewAccount(email, displayName, RoleId.of(role), grants, chosen));
        return shown(redirect, created.account().email().value(), created.temporaryPassword(),
            "User created", "Give this temporary password to " + created.account().displayName()
                + ". They must choose their own password when they first sign in.");
      }
      membership.invitations().invite(me.id(), organisation, new Invite(email, RoleId.of(role), grants));
      redirect.addFlashAttribute("notice", "Invitation sent to " + email.strip() + ".");
    } catch (MembershipException refused) {
      if (refused instanceof PermissionDeniedException) {
        throw refused; // the 403 page: the dialog was never offered
      }
      redirect.addFlashAttribute("addForm", typed.withError(errors.sentence(refused)));
    }
    return "redirect:/members";
  }

  /**
   * The page a created or reset password is shown on, after a redirect: the password rides in the
   * session for that one request (a flash attribute) and is gone on reload.
   */
  @GetMapping("/members/credentials")
  String credentialsShown(Model model, RedirectAttributes redirect) {
    if (!(model.getAttribute("shownPassword") instanceof ShownPassword shown)) {
      redirect.addFlashAttribute("notice", "A password is shown only once; it is not kept anywhere.");
      return "redirect:/members";
    }
    model.addAttribute("title", shown.title());
    model.addAttribute("email", shown.email());
    model.addAttribute("password", shown.password());
    model.addAttribute("explanation", shown.explanation());
    return "credentials";
  }

  /** A member leaves the organisation by themselves (the last owner cannot). */
  @PostMapping("/members/leave")
  @RefusedTo("/members")
  String leave(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, HttpSession session,
      RedirectAttributes redirect) {
    membership.members().leave(me.id(), current.organisation().id());
    currentOrganisation.forget(session);
    redirect.addFlashAttribute("notice", "You left " + current.organisation().name() + ".");
    return "redirect:/organisations";
  }

  /**
   * The row menu's actions on a member: one library call each, back to the page with a sentence. A
   * permission refusal is not a message on the page but a 403 page: the menu never offered the action.
   */
  @PostMapping("/members/{id}/{action:role|access|deactivate|reactivate|remove}")
  @RefusedTo("/members")
  String memberAction(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @PathVariable String id, @PathVariable String action, @RequestParam(required = false) String role,
      @RequestParam(required = false) List<String> access, RedirectAttributes redirect) {
    Members members = membership.members();
    OrganisationId organisation = current.organisation().id();
    MembershipId member = MembershipId.of(id);
    String done = switch (action) {
      case "role" -> {
        members.changeRole(me.id(), organisation, member, RoleId.of(role == null ? "" : role));
        yield "The role was changed.";
      }
      case "access" -> {
        // Which application access an active member holds, all or nothing (one library call).
        members.setAccess(me.id(), organisation, member, keys(access));
        yield "The application access was changed.";
      }
      case "deactivate" -> {
        members.deactivate(me.id(), organisation, member);
        yield "The member was deactivated; their sessions ended.";
      }
      case "reactivate" -> {
        members.reactivate(me.id(), organisation, member);
        yield "The member was reactivated with the role and access they had.";
      }
      default -> {
        members.remove(me.id(), organisation, member);
        yield "The member was removed from the organisation.";
      }
    };
    redirect.addFlashAttribute("notice", done);
    return "redirect:/members";
  }

  /** A temporary password set by hand or made anew, shown once on the next page. */
  @PostMapping("/members/{id}/{action:password|credentials}")
  @RefusedTo("/members")
  String temporaryPassword(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @PathVariable String id, @PathVariable String action, @RequestParam(defaultValue = "") String password,
      RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    if (action.equals("password")) {
      Password set = membership.members().changePassword(me.id(), organisation, MembershipId.of(id),
          Password.of(password));
      return shown(redirect, null, set, "Password changed",
          "This is a temporary password: the person chooses their own at the next sign-in.");
    }
    Password set = membership.members().resendCredentials(me.id(), organisation, MembershipId.of(id));
    return shown(redirect, null, set, "New temporary password",
        "The old password no longer works. Give this one to the person; they choose their own at the next sign-in.");
  }

  /** The row menu's actions on a pending invitation. */
  @PostMapping("/members/invitations/{id}/{action:resend|cancel}")
  @RefusedTo("/members")
  String invitationAction(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @PathVariable String id, @PathVariable String action, RedirectAttributes redirect) {
    InvitationId invitation = InvitationId.of(id);
    if (action.equals("resend")) {
      membership.invitations().resend(me.id(), current.organisation().id(), invitation);
      redirect.addFlashAttribute("notice", "The invitation was sent again with a new link; the old link no longer works.");
    } else {
      membership.invitations().cancel(me.id(), current.organisation().id(), invitation);
      redirect.addFlashAttribute("notice", "The invitation was cancelled; its link no longer works.");
    }
    return "redirect:/members";
  }

  private static Set<EntitlementKey> keys(List<String> access) {
    return access == null ? Set.of() : access.stream().map(EntitlementKey::of).collect(Collectors.toSet());
  }

  /**
   * Shows a password once, on the page the browser is redirected to: it is kept in the session for
   * that one request only, and never stored anywhere else.
   */
  private static String shown(RedirectAttributes redirect, String email, Password password, String title,
      String explanation) {
    redirect.addFlashAttribute("shownPassword", new ShownPassword(title, email, password.reveal(), explanation));
    return "redirect:/members/credentials";
  }

  /** A password on its way to the page that shows it once. */
  record ShownPassword(String title, String email, String password, String explanation) implements java.io.Serializable {
    @Override
    public String toString() {
      return "ShownPassword[" + title + "]"; // never the password
    }
  }

  /**
   * What was typed in the Add Member dialog, back in it after a refusal (never the password).
   *
   * @param email the address
   * @param displayName the name
   * @param role the role id chosen
   * @param access the access ticked
   * @param manual whether "Set password manually" was ticked
   * @param error the sentence shown inside the dialog; empty when the dialog is fresh
   */
  public record AddMemberForm(String email, String displayName, String role, List<String> access, boolean manual,
      String error) implements java.io.Serializable {
    static AddMemberForm empty() {
      return new AddMemberForm("", "", "member", List.of(), false, "");
    }

    AddMemberForm withError(String sentence) {
      return new AddMemberForm(email, displayName, role, access, manual, sentence);
    }

    public boolean hasError() {
      return !error.isEmpty();
    }
  }
}
