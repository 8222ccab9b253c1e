package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.RegistrationReceipt;
import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.Password;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.examples.console.security.PendingPasswordChange;
import dev.membership.examples.console.security.SecurityConfiguration;
import dev.membership.examples.console.security.SessionSignIn;
import dev.membership.examples.console.security.SignedInAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.function.Supplier;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sign up and confirm the address, sign in, the forced password change at first sign-in, and changing
 * one's own password.
 */
@Controller
public record AccountController(Memberships membership, SessionSignIn sessions, ErrorMessages errors,
    DomainEnrolment domains, CurrentOrganisation currentOrganisation) {

  @GetMapping("/")
  String home(@AuthenticationPrincipal SignedInAccount me, Model model) {
    return model.getAttribute("current") != null ? "redirect:/members" : "redirect:/organisations";
  }

  @GetMapping("/signin")
  String signIn(HttpSession session, @RequestParam(required = false) String next, Model model) {
    Object error = session.getAttribute(SecurityConfiguration.SIGN_IN_ERROR);
    session.removeAttribute(SecurityConfiguration.SIGN_IN_ERROR);
    model.addAttribute("error", error);
    model.addAttribute("email", session.getAttribute(SecurityConfiguration.SIGN_IN_EMAIL));
    model.addAttribute("next", next);
    return "signin";
  }

  @GetMapping("/signup")
  String signUpForm() {
    return "signup";
  }

  /**
   * Signing up creates no account yet: the library e-mails the address a link, and the same "check
   * your inbox" page follows whether or not the address has an account (its owner gets a note instead).
   * The client's address is the throttle's source, as at sign-in: one client cannot sign up thousands
   * of addresses.
   */
  @PostMapping("/signup")
  String signUp(@RequestParam String displayName, @RequestParam String email, @RequestParam String password,
      HttpServletRequest request, Model model) {
    try {
      RegistrationReceipt receipt = membership.accounts().register(Registration.of(email, displayName, password),
          request.getRemoteAddr());
      model.addAttribute("email", receipt.email().value());
      return "signup-sent";
    } catch (MembershipException refused) {
      model.addAttribute("error", errors.sentence(refused));
      model.addAttribute("displayName", displayName);
      model.addAttribute("email", email);
      return "signup";
    }
  }

  /** The link of the sign-up e-mail: the person types the password they chose to finish. */
  @GetMapping("/verify/{token}")
  String verifyForm(@PathVariable String token, Model model) {
    model.addAttribute("token", token);
    return "verify";
  }

  /**
   * The address is proved: the person is signed in, and joins the organisation that verified the
   * address's domain with automatic enrolment if there is one (then lands in it); otherwise the
   * organisations page shows what to do next, organisations their domain suggests among it.
   */
  @PostMapping("/verify/{token}")
  String verify(@PathVariable String token, @RequestParam String password, HttpServletRequest request,
      HttpServletResponse response, Model model, RedirectAttributes redirect) {
    try {
      Account account = membership.accounts().verifyEmail(token, Password.of(password));
      sessions.signIn(account, request, response);
      return landing(account, request, redirect, "redirect:/organisations");
    } catch (MembershipException refused) {
      model.addAttribute("token", token);
      model.addAttribute("error", refused.code() == ErrorCode.INVALID_CREDENTIALS
          ? "That is not the password you chose when you signed up."
          : errors.sentence(refused));
      return "verify";
    }
  }

  /** The forced change: the account proved its temporary password and may do nothing else. */
  @GetMapping("/password/first")
  String firstPasswordForm(HttpSession session, @RequestParam(required = false) String next, Model model) {
    if (!(session.getAttribute(PendingPasswordChange.ATTRIBUTE) instanceof PendingPasswordChange pending)) {
      return "redirect:/signin";
    }
    model.addAttribute("email", pending.email());
    model.addAttribute("next", next);
    return "password-first";
  }

  @PostMapping("/password/first")
  String firstPassword(@RequestParam String currentPassword, @RequestParam String newPassword,
      @RequestParam String confirmPassword, HttpServletRequest request, HttpServletResponse response, Model model) {
    HttpSession session = request.getSession();
    if (!(session.getAttribute(PendingPasswordChange.ATTRIBUTE) instanceof PendingPasswordChange pending)) {
      return "redirect:/signin";
    }
    model.addAttribute("email", pending.email());
    model.addAttribute("next", request.getParameter("next"));
    return changingPassword("password-first", newPassword, confirmPassword, model, () -> {
      Account account = membership.accounts().changePassword(pending.id(), Password.of(currentPassword),
          Password.of(newPassword));
      session.removeAttribute(PendingPasswordChange.ATTRIBUTE);
      sessions.signIn(account, request, response);
      domains.joinByDomain(account.id());
      return "redirect:" + SecurityConfiguration.safeNext(request);
    });
  }

  @GetMapping("/account/password")
  String changePasswordForm() {
    return "password-change";
  }

  @PostMapping("/account/password")
  String changePassword(@AuthenticationPrincipal SignedInAccount me, @RequestParam String currentPassword,
      @RequestParam String newPassword, @RequestParam String confirmPassword, Model model,
      RedirectAttributes redirect) {
    return changingPassword("password-change", newPassword, confirmPassword, model, () -> {
      membership.accounts().changePassword(me.id(), Password.of(currentPassword), Password.of(newPassword));
      redirect.addFlashAttribute("notice", "Your password was changed.");
      return "redirect:/account/password";
    });
  }

  /**
   * Both password forms: two new passwords that differ, or a refusal of the library (wrong current
   * password, a weak or breached new one, throttled), show {@code form} again with the sentence;
   * otherwise {@code change} runs and says where to go.
   */
  private String changingPassword(String form, String newPassword, String confirmPassword, Model model,
      Supplier<String> change) {
    if (!newPassword.equals(confirmPassword)) {
      model.addAttribute("error", "The two new passwords are not the same.");
      return form;
    }
    try {
      return change.get();
    } catch (MembershipException refused) {
      model.addAttribute("error", errors.sentence(refused));
      return form;
    }
  }

  /** "Delete my account": what erasure does, and a form that asks for the password and a confirmation. */
  @GetMapping("/account/delete")
  String deleteAccountForm() {
    return "account-delete";
  }

  /**
   * Erases the signed-in person's account ({@code erasure().eraseOwnAccount}). The library's {@code
   * ACCOUNT_ERASED} event ends every session of the account (this one too, through {@code
   * SessionTerminator}); the person lands on the sign-in page, told what happened.
   */
  @PostMapping("/account/delete")
  String deleteAccount(@AuthenticationPrincipal SignedInAccount me, @RequestParam String currentPassword,
      @RequestParam(required = false) String confirm, HttpServletRequest request, Model model) {
    if (!"yes".equals(confirm)) {
      model.addAttribute("error", "Tick the box to confirm that you want your account deleted.");
      return "account-delete";
    }
    try {
      membership.erasure().eraseOwnAccount(me.id(), Password.of(currentPassword));
    } catch (MembershipException refused) {
      // The last owner's refusal names the organisation to hand over: the library's sentence says it.
      model.addAttribute("error", refused.code() == ErrorCode.LAST_OWNER ? refused.getMessage() : errors.sentence(refused));
      return "account-delete";
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return "redirect:/signin?deleted";
  }

  /** Where a newly proved account goes: the organisation its domain just joined it to, else {@code otherwise}. */
  private String landing(Account account, HttpServletRequest request, RedirectAttributes redirect, String otherwise) {
    return domains.joinByDomain(account.id())
        .flatMap(joined -> membership.organisations().of(account.id(), joined.organisationId()))
        .map(joined -> {
          currentOrganisation.choose(request.getSession(), joined.organisation().id());
          redirect.addFlashAttribute("notice", "Your address's domain is verified by " + joined.organisation().name()
              + ": you joined it as " + joined.role().name() + ".");
          return "redirect:/members";
        })
        .orElse(otherwise);
  }
}
