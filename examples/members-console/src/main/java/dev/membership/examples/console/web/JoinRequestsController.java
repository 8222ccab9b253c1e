package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.RoleId;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.PageRequest;
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
public record JoinRequestsController(Memberships membership) {

  @GetMapping("/join-requests")
  String joinRequests(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam(required = false) String after, Model model) {
    OrganisationId organisation = current.organisation().id();
    var page = membership.joinRequests().list(me.id(), organisation, Set.of(JoinRequestStatus.PENDING),
        new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()), 50));
    model.addAttribute("requests", page.items());
    model.addAttribute("nextCursor", page.nextCursor().orElse(null));
    // What the library says this reviewer may approve with; it checks again on approval.
    model.addAttribute("grantableRoles", membership.roles().grantableBy(me.id(), organisation).toApprove());
    return "join-requests";
  }

  /** Approves (an invitation goes out with the role chosen) or denies (nobody is told) a request. */
  @PostMapping("/join-requests/{id}/{answer:approve|deny}")
  @RefusedTo("/join-requests")
  String answer(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current, @PathVariable String id,
      @PathVariable String answer, @RequestParam(defaultValue = "member") String role, RedirectAttributes redirect) {
    OrganisationId organisation = current.organisation().id();
    if (answer.equals("approve")) {
      var invitation = membership.joinRequests().approve(me.id(), organisation, JoinRequestId.of(id), RoleId.of(role));
      redirect.addFlashAttribute("notice", "Approved: an invitation was sent to " + invitation.email() + ".");
    } else {
      membership.joinRequests().deny(me.id(), organisation, JoinRequestId.of(id));
      redirect.addFlashAttribute("notice", "Denied. Nobody was told, and nothing else changed.");
    }
    return "redirect:/join-requests";
  }
}
