package dev.membership.examples.console.web;

import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.error.MembershipException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.query.AccountOrganisation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's header shows (the person, the current organisation with its Admin badge, the
 * switcher), and the page shown when the library refuses something outright.
 */
@ControllerAdvice
public class PageAdvice {
  private final CurrentOrganisation currentOrganisation;
  private final ErrorMessages errors;
  private final boolean devMode;

  private final dev.membership.Memberships membership;

  public PageAdvice(CurrentOrganisation currentOrganisation, ErrorMessages errors,
      dev.membership.examples.console.ConsoleProperties properties, dev.membership.Memberships membership) {
    this.membership = membership;
    this.currentOrganisation = currentOrganisation;
    this.errors = errors;
    this.devMode = properties.devMode();
  }

  @ModelAttribute
  void header(@AuthenticationPrincipal SignedInAccount me, HttpServletRequest request, Model model) {
    model.addAllAttributes(header(me, request));
  }

  private Map<String, Object> header(SignedInAccount me, HttpServletRequest request) {
    Map<String, Object> attributes = new HashMap<>();
    // The header links the development mailbox in development mode only.
    attributes.put("devMode", devMode);
    if (me != null) {
      // The switcher's list; the current organisation is one read of its own.
      List<AccountOrganisation> organisations = currentOrganisation.all(me);
      attributes.put("me", me);
      attributes.put("organisations", organisations);
      var current = currentOrganisation.resolve(me, request.getSession());
      current.ifPresent(c -> attributes.put("current", c));
      // What the tabs and buttons may offer; the library decides again on every action.
      attributes.put("may", current.map(c -> c.role().permissions().stream().map(Enum::name)
          .collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of()));
      current.filter(c -> c.role().allows(dev.membership.domain.Permission.REVIEW_JOIN_REQUESTS))
          .ifPresent(c -> attributes.put("pendingJoinRequests", pendingJoinRequests(me, c)));
    }
    return attributes;
  }

  /**
   * How many join requests wait, for the tab: one read of at most {@value #COUNTED} (then "100+"). The
   * library keeps no count of them.
   */
  private String pendingJoinRequests(SignedInAccount me, AccountOrganisation current) {
    try {
      var page = membership.joinRequests().list(me.id(), current.organisation().id(),
          java.util.Set.of(dev.membership.domain.JoinRequestStatus.PENDING),
          dev.membership.query.PageRequest.first(COUNTED));
      return page.items().size() + (page.nextCursor().isPresent() ? "+" : "");
    } catch (MembershipException notAllowedAnyMore) {
      return "0";
    }
  }

  private static final int COUNTED = 100;

  /**
   * Refusals (no permission, no such member, a rule broken): back to the page the action names with
   * {@link RefusedTo}, the sentence in the flash attribute {@code error}; else, and for every
   * permission refusal, a page with the sentence and the right status.
   */
  @ExceptionHandler(MembershipException.class)
  ModelAndView refused(MembershipException error, HandlerMethod handler, HttpServletRequest request,
      RedirectAttributes redirect) {
    RefusedTo back = handler.getMethodAnnotation(RefusedTo.class);
    if (back != null && !(error instanceof PermissionDeniedException)) {
      redirect.addFlashAttribute("error", errors.sentence(error));
      for (String kept : back.keep()) {
        String value = request.getParameter(kept);
        redirect.addAttribute(kept, value == null ? "" : value);
      }
      return new ModelAndView("redirect:" + back.value());
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    SignedInAccount me = authentication != null && authentication.getPrincipal() instanceof SignedInAccount s ? s : null;
    ModelAndView page = new ModelAndView("refused", header(me, request), ErrorMessages.status(error));
    page.addObject("message", errors.sentence(error));
    return page;
  }

  @ExceptionHandler(CurrentOrganisation.NoOrganisationException.class)
  String noOrganisation() {
    return "redirect:/organisations";
  }
}
