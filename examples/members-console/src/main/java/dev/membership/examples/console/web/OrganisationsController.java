package dev.membership.examples.console.web;

import dev.membership.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.error.MembershipException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Create/Join Organisation": create one, find one and ask to join, switch between one's organisations. */
@Controller
public class OrganisationsController {
  private final Membership membership;
  private final CurrentOrganisation currentOrganisation;
  private final ErrorMessages errors;

  public OrganisationsController(Membership membership, CurrentOrganisation currentOrganisation, ErrorMessages errors) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.errors = errors;
  }

  @GetMapping("/organisations")
  String organisations(@RequestParam(required = false) String q, Model model) {
    if (q != null && !q.isBlank()) {
      try {
        model.addAttribute("results", membership.organisations().search(q, PageRequest.first(20)).items());
      } catch (MembershipException refused) {
        model.addAttribute("error", errors.sentence(refused));
      }
    }
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
      membership.joinRequests().request(me.id(), OrganisationId.of(id), Optional.ofNullable(message));
      redirect.addFlashAttribute("notice", "Your request was sent; an administrator will answer by e-mail.");
    } catch (MembershipException refused) {
      redirect.addFlashAttribute("error", errors.sentence(refused));
    }
    redirect.addAttribute("q", q == null ? "" : q);
    return "redirect:/organisations";
  }
}
