package dev.membership.examples.console.web;

import dev.membership.AcceptedInvitation;
import dev.membership.InvitationPreview;
import dev.membership.Memberships;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.Password;
import dev.membership.error.MembershipException;
import dev.membership.examples.console.security.SessionSignIn;
import dev.membership.examples.console.security.SignedInAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page an invitation e-mail links to: what the invitation offers (looking never uses it up), then
 * either a new person sets their own password, or the invited account, signed in, accepts.
 */
@Controller
public record InvitationController(Memberships membership, SessionSignIn sessions,
    CurrentOrganisation currentOrganisation, ErrorMessages errors, DomainEnrolment domains) {

  @GetMapping("/invitations/{token}")
  String preview(@PathVariable String token, @AuthenticationPrincipal SignedInAccount me, Model model,
      HttpServletResponse response) {
    Optional<InvitationPreview> preview = membership.invitations().preview(token);
    if (preview.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("message", "This invitation link is not valid. Ask for a new invitation.");
      return "refused";
    }
    model.addAttribute("preview", preview.get());
    model.addAttribute("token", token);
    model.addAttribute("signedInAsInvitee", me != null && me.email().equals(preview.get().email().value()));
    model.addAttribute("signInLink",
        "/signin?next=" + URLEncoder.encode("/invitations/" + token, StandardCharsets.UTF_8));
    return "invitation";
  }

  /** A new person chooses a name and password; they are signed in as the new member. */
  @PostMapping("/invitations/{token}/new-account")
  String acceptAsNewAccount(@PathVariable String token, @RequestParam String displayName,
      @RequestParam String password, @RequestParam String confirmPassword, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes redirect) {
    if (!password.equals(confirmPassword)) {
      model.addAttribute("error", "The two passwords are not the same.");
      model.addAttribute("displayName", displayName);
      return preview(token, null, model, response);
    }
    try {
      AcceptedInvitation accepted = membership.invitations()
          .acceptAsNewAccount(token, new NewMemberDetails(displayName, Password.of(password)));
      sessions.signIn(accepted.account(), request, response);
      domains.joinByDomain(accepted.account().id()); // the address is proved: another organisation may enrol it
      currentOrganisation.choose(request.getSession(), accepted.membership().organisationId());
      redirect.addFlashAttribute("notice", "Welcome! You are now a member.");
      return "redirect:/members";
    } catch (MembershipException refused) {
      model.addAttribute("error", errors.sentence(refused));
      model.addAttribute("displayName", displayName);
      return preview(token, null, model, response);
    }
  }

  /** The invited account, signed in, accepts. */
  @PostMapping("/invitations/{token}/accept")
  String accept(@PathVariable String token, @AuthenticationPrincipal SignedInAccount me, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes redirect) {
    if (me == null) {
      return "redirect:/signin?next=" + URLEncoder.encode("/invitations/" + token, StandardCharsets.UTF_8);
    }
    try {
      var accepted = membership.invitations().accept(me.id(), token);
      currentOrganisation.choose(request.getSession(), accepted.organisationId());
      redirect.addFlashAttribute("notice", "You joined the organisation.");
      return "redirect:/members";
    } catch (MembershipException refused) {
      model.addAttribute("error", errors.sentence(refused));
      return preview(token, me, model, response);
    }
  }
}
