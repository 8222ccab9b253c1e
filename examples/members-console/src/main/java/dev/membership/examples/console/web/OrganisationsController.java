package dev.membership.examples.console.web;

import dev.membership.MembershipPolicy;
import dev.membership.Memberships;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.error.MembershipException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
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
 * "Create/Join Organisation": create one, find one and ask to join, see and withdraw one's own pending
 * requests ("My requests"), switch between one's organisations.
 */
@Controller
public class OrganisationsController {
  private static final int MY_REQUESTS_PAGE = 20;
  /** The shortest search: the library lists every active organisation whose name contains the text. */
  private final Memberships membership;
  private final CurrentOrganisation currentOrganisation;
  private final ErrorMessages errors;

  public OrganisationsController(Memberships membership, CurrentOrganisation currentOrganisation, ErrorMessages errors) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.errors = errors;
  }

  @GetMapping("/organisations")
  String organisations(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String q,
      @RequestParam(required = false) String requestsAfter, Model model) {
    if (q != null && !q.isBlank()) {
      // The library lists only discoverable organisations and refuses a query shorter than its minimum.
      try {
        model.addAttribute("results", membership.organisations().search(q, PageRequest.first(20)).items());
      } catch (MembershipException refused) {
        boolean tooShort = refused.fields().stream().anyMatch(f -> f.field().equals("text") && f.code().equals("too_short"));
        model.addAttribute("error", tooShort
            ? "Type at least " + MembershipPolicy.MIN_ORGANISATION_SEARCH_LENGTH + " characters to search."
            : errors.sentence(refused));
      }
    }
    // "My requests": the person's requests still waiting for an answer, newest first, each with Withdraw.
    Page<AccountJoinRequest> mine = membership.joinRequests().mine(me.id(), Set.of(JoinRequestStatus.PENDING),
        new PageRequest(Optional.ofNullable(requestsAfter).filter(a -> !a.isBlank()), MY_REQUESTS_PAGE));
    model.addAttribute("myRequests", mine.items());
    model.addAttribute("myRequestsNext", mine.nextCursor().orElse(null));
    model.addAttribute("requestsAfter", requestsAfter);
    model.addAttribute("pendingOrganisations", mine.items().stream()
        .map(r -> r.organisation().id().toString()).collect(Collectors.toSet()));
    model.addAttribute("q", q);
    return "organisations";
  }

  @PostMapping("/organisations")
  String create(@AuthenticationPrincipal SignedInAccount me, @RequestParam String name, HttpSession session,
      RedirectAttributes redirect) {
    try {
      Organisation created = membership.organisations().create(me.id(), name);
      currentOrganisation.choose(session, created.id());
      redirect.addFlashAttribute("notice", "You created " + created.name() + "; you are its owner.");
      return "redirect:/members";
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
      return "redirect:/organisations";
    }
  }

  /**
   * The current organisation's "discoverable" setting: whether organisation search lists it. The
   * library checks the permission (MANAGE_ORGANISATION) and audits the change.
   */
  @PostMapping("/organisations/discoverable")
  String discoverable(@AuthenticationPrincipal SignedInAccount me, HttpSession session,
      @RequestParam(defaultValue = "false") boolean discoverable, RedirectAttributes redirect) {
    var organisation = currentOrganisation.require(me, session).organisation().id();
    try {
      membership.organisations().setDiscoverable(me.id(), organisation, discoverable);
      redirect.addFlashAttribute("notice", discoverable
          ? "People can now find this organisation by its name and ask to join."
          : "This organisation no longer appears in organisation search.");
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    return "redirect:/organisations";
  }

  @PostMapping("/organisations/switch")
  String switchTo(@RequestParam String organisation, HttpSession session) {
    currentOrganisation.choose(session, OrganisationId.of(organisation));
    return "redirect:/members";
  }

  @PostMapping("/organisations/{id}/join-requests")
  String requestToJoin(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id,
      @RequestParam(required = false) String message, @RequestParam(required = false) String q,
      RedirectAttributes redirect) {
    try {
      OrganisationId organisation = OrganisationId.of(id);
      if (message == null || message.isBlank()) {
        membership.joinRequests().request(me.id(), organisation);
      } else {
        membership.joinRequests().request(me.id(), organisation, Optional.of(message));
      }
      redirect.addFlashAttribute("notice", "Your request was sent; an administrator will answer by e-mail.");
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    redirect.addAttribute("q", q == null ? "" : q);
    return "redirect:/organisations";
  }

  /** The requester takes a pending request back from "My requests". */
  @PostMapping("/organisations/join-requests/{id}/withdraw")
  String withdraw(@AuthenticationPrincipal SignedInAccount me, @PathVariable String id,
      @RequestParam(required = false) String q, RedirectAttributes redirect) {
    try {
      membership.joinRequests().withdraw(me.id(), JoinRequestId.of(id));
      redirect.addFlashAttribute("notice", "Your request was withdrawn; nobody needs to answer it now.");
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    redirect.addAttribute("q", q == null ? "" : q);
    return "redirect:/organisations";
  }
}
