package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.RoleId;
import dev.membership.error.MembershipException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The "Join Requests" tab: pending requests, each approved (an invitation goes out) or denied. */
@Controller
public class JoinRequestsController {
  private final Memberships membership;
  private final CurrentOrganisation currentOrganisation;
  private final ErrorMessages errors;

  public JoinRequestsController(Memberships membership, CurrentOrganisation currentOrganisation, ErrorMessages errors) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.errors = errors;
  }

  @GetMapping("/join-requests")
  String joinRequests(@AuthenticationPrincipal SignedInAccount me, HttpSession session,
      @RequestParam(required = false) String after, Model model) {
    AccountOrganisation current = currentOrganisation.require(me, session);
    OrganisationId organisation = current.organisation().id();
    var page = membership.joinRequests().list(me.id(), organisation, Set.of(JoinRequestStatus.PENDING),
        new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()), 50));
    model.addAttribute("requests", page.items());
    model.addAttribute("nextCursor", page.nextCursor().orElse(null));
    model.addAttribute("grantableRoles", membership.roles().list(me.id(), organisation).stream()
        .filter(r -> r.id().equals(dev.membership.domain.Role.MEMBER.id()) || MemberRowView.mayGive(current, r))
        .toList());
    return "join-requests";
  }

  @PostMapping("/join-requests/{id}/approve")
  String approve(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      @RequestParam(defaultValue = "member") String role, RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    try {
      var invitation = membership.joinRequests().approve(me.id(), organisation, JoinRequestId.of(id), RoleId.of(role));
      redirect.addFlashAttribute("notice", "Approved: an invitation was sent to " + invitation.email() + ".");
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    return "redirect:/join-requests";
  }

  @PostMapping("/join-requests/{id}/deny")
  String deny(@AuthenticationPrincipal SignedInAccount me, HttpSession session, @PathVariable String id,
      RedirectAttributes redirect) {
    OrganisationId organisation = currentOrganisation.require(me, session).organisation().id();
    try {
      membership.joinRequests().deny(me.id(), organisation, JoinRequestId.of(id));
      redirect.addFlashAttribute("notice", "Denied. Nobody was told, and nothing else changed.");
    } catch (PermissionDeniedException refused) {
      throw refused;
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    return "redirect:/join-requests";
  }
}
