package dev.membership.examples.console.web;

import dev.membership.MembershipPolicy;
import dev.membership.Memberships;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationId;
import dev.membership.error.MembershipException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.AuditEntry;
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
 * "Create/Join Organisation": create one, find one and ask to join, ask to join one that the domain of
 * one's address suggests, see and withdraw one's own pending requests ("My requests"), switch between
 * one's organisations.
 */
@Controller
public record OrganisationsController(Memberships membership, CurrentOrganisation currentOrganisation,
    ErrorMessages errors) {

  private static final int MY_REQUESTS_PAGE = 20;

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
    // Organisations that verified the domain of the person's address and suggest themselves to it,
    // discoverable or not; the person asks to join as from a search result.
    model.addAttribute("suggested", membership.domains().suggestedFor(me.id()));
    model.addAttribute("q", q);
    // Deleted organisations whose audit log this person may still read (a former owner, within the retention).
    model.addAttribute("deletedOrganisations", membership.organisations().deletedOwnedBy(me.id()));
    return "organisations";
  }

  /**
   * Deletes the current organisation: the library checks DELETE_ORGANISATION (owners) and that the
   * name typed in the form is the organisation's name, and ends every membership, invitation and
   * request to join in one transaction; the members are told by e-mail.
   */
  @PostMapping("/organisations/delete")
  @RefusedTo("/organisations")
  String delete(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam(defaultValue = "") String confirmation, HttpSession session, RedirectAttributes redirect) {
    Organisation deleted = membership.organisations().delete(me.id(), current.organisation().id(), confirmation);
    currentOrganisation.forget(session);
    String until = membership.organisations().deletedOwnedBy(me.id()).stream()
        .filter(d -> d.organisation().equals(deleted.id())).findFirst()
        .map(d -> " Its owners can read its audit log until " + d.readableUntil().toString().substring(0, 10) + ".")
        .orElse("");
    redirect.addFlashAttribute("notice", deleted.name() + " was deleted." + until);
    return "redirect:/organisations";
  }

  /** A deleted organisation's audit log, which its former owners may read during the retention. */
  @GetMapping("/organisations/{organisation}/audit")
  String deletedAudit(@AuthenticationPrincipal SignedInAccount me, @PathVariable String organisation,
      @RequestParam(required = false) String after, Model model) {
    OrganisationId id = OrganisationId.of(organisation);
    OrganisationDeletion deletion = membership.organisations().deletedOwnedBy(me.id()).stream()
        .filter(d -> d.organisation().equals(id)).findFirst()
        .orElseThrow(() -> new dev.membership.error.ConflictException(dev.membership.error.ErrorCode.ORGANISATION_DELETED,
            "The organisation was deleted."));
    Page<AuditEntry> entries = membership.audit().listWithActors(me.id(), id,
        new PageRequest(Optional.ofNullable(after).filter(a -> !a.isBlank()), 50));
    model.addAttribute("deletion", deletion);
    model.addAttribute("entries", entries.items());
    model.addAttribute("nextCursor", entries.nextCursor().orElse(null));
    return "deleted-audit";
  }

  @PostMapping("/organisations")
  @RefusedTo("/organisations")
  String create(@AuthenticationPrincipal SignedInAccount me, @RequestParam String name, HttpSession session,
      RedirectAttributes redirect) {
    Organisation created = membership.organisations().create(me.id(), name);
    currentOrganisation.choose(session, created.id());
    redirect.addFlashAttribute("notice", "You created " + created.name() + "; you are its owner.");
    return "redirect:/members";
  }

  /**
   * The current organisation's "discoverable" setting: whether organisation search lists it. The
   * library checks the permission (MANAGE_ORGANISATION) and audits the change.
   */
  @PostMapping("/organisations/discoverable")
  @RefusedTo("/organisations")
  String discoverable(@AuthenticationPrincipal SignedInAccount me, AccountOrganisation current,
      @RequestParam(defaultValue = "false") boolean discoverable, RedirectAttributes redirect) {
    membership.organisations().setDiscoverable(me.id(), current.organisation().id(), discoverable);
    redirect.addFlashAttribute("notice", discoverable
        ? "People can now find this organisation by its name and ask to join."
        : "This organisation no longer appears in organisation search.");
    return "redirect:/organisations";
  }

  @PostMapping("/organisations/switch")
  String switchTo(@RequestParam String organisation, HttpSession session) {
    currentOrganisation.choose(session, OrganisationId.of(organisation));
    return "redirect:/members";
  }

  /**
   * Asks to join an organisation found by the search or suggested by one's domain
   * ({@code /organisations/<id>/join-requests}), or
   * the requester takes a pending request back from "My requests"
   * ({@code /organisations/join-requests/<id>/withdraw}); back to the page with the search typed.
   */
  @PostMapping({"/organisations/{organisation}/join-requests", "/organisations/join-requests/{request}/withdraw"})
  @RefusedTo(value = "/organisations", keep = "q")
  String joinRequest(@AuthenticationPrincipal SignedInAccount me, @PathVariable(required = false) String organisation,
      @PathVariable(required = false) String request, @RequestParam(required = false) String message,
      @RequestParam(required = false) String q, RedirectAttributes redirect) {
    if (request != null) {
      membership.joinRequests().withdraw(me.id(), JoinRequestId.of(request));
      redirect.addFlashAttribute("notice", "Your request was withdrawn; nobody needs to answer it now.");
    } else {
      membership.joinRequests().request(me.id(), OrganisationId.of(organisation),
          Optional.ofNullable(message).filter(m -> !m.isBlank()));
      redirect.addFlashAttribute("notice", "Your request was sent; an administrator will answer by e-mail.");
    }
    redirect.addAttribute("q", q == null ? "" : q);
    return "redirect:/organisations";
  }
}
