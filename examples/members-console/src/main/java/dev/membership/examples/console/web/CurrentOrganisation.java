package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.domain.OrganisationId;
import dev.membership.error.MembershipException;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.context.request.ServletRequestAttributes;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Which organisation the person is working in: chosen in the header's switcher, kept in the session,
 * and checked against the library on every request (one read of that one organisation), so a
 * deactivated or removed membership stops working at once even where a session survived.
 *
 * <p>A controller method that takes an {@link AccountOrganisation} parameter gets the signed-in person's
 * current one (registered by {@link WebConfiguration}); a person active in none is sent to the
 * organisations page to create or join one.
 */
@Component
public class CurrentOrganisation implements HandlerMethodArgumentResolver {
  static final String ATTRIBUTE = "currentOrganisationId";
  static final String LAST_USED_COOKIE = "console-organisation";
  private static final String RESOLVED = CurrentOrganisation.class.getName() + ".resolved";
  private final Memberships membership;

  public CurrentOrganisation(Memberships membership) {
    this.membership = membership;
  }

  /** The person's organisations (active and deactivated memberships), by name: the header's switcher. */
  public List<AccountOrganisation> all(SignedInAccount me) {
    return membership.organisations().of(me.id(), PageRequest.first(PageRequest.MAX_LIMIT)).items();
  }

  /**
   * The organisation chosen in this session if the person is still active there (one read), else
   * their first active one, which becomes the session's choice.
   */
  public Optional<AccountOrganisation> resolve(SignedInAccount me, HttpSession session) {
    // The header and the page's controller both ask: read once per request.
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null && request.getAttribute(RESOLVED, RequestAttributes.SCOPE_REQUEST) instanceof Optional<?> known) {
      @SuppressWarnings("unchecked")
      Optional<AccountOrganisation> resolved = (Optional<AccountOrganisation>) known;
      return resolved;
    }
    Optional<AccountOrganisation> resolved = read(me, session);
    if (request != null) {
      request.setAttribute(RESOLVED, resolved, RequestAttributes.SCOPE_REQUEST);
    }
    return resolved;
  }

  private Optional<AccountOrganisation> read(SignedInAccount me, HttpSession session) {
    Optional<AccountOrganisation> chosen = chosen(me, session);
    if (chosen.isPresent()) {
      return chosen;
    }
    // A new session (just signed in) starts in the organisation this browser used last, if the person
    // is still active there. The library keeps no "last used" per account; the browser remembers it.
    Optional<AccountOrganisation> lastUsed = lastUsedCookie().flatMap(id -> workableOf(me, id));
    if (lastUsed.isPresent()) {
      session.setAttribute(ATTRIBUTE, lastUsed.get().organisation().id().toString());
      return lastUsed;
    }
    Optional<AccountOrganisation> first = all(me).stream().filter(CurrentOrganisation::workable).findFirst();
    first.ifPresentOrElse(o -> session.setAttribute(ATTRIBUTE, o.organisation().id().toString()),
        () -> session.removeAttribute(ATTRIBUTE));
    return first;
  }

  /** The current organisation, or a refusal that sends the person to choose or create one. */
  public AccountOrganisation require(SignedInAccount me, HttpSession session) {
    return resolve(me, session).orElseThrow(NoOrganisationException::new);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == AccountOrganisation.class;
  }

  @Override
  public AccountOrganisation resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
      NativeWebRequest request, WebDataBinderFactory binders) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof SignedInAccount me)
        || !(request.getNativeRequest() instanceof HttpServletRequest servlet)) {
      throw new NoOrganisationException();
    }
    return require(me, servlet.getSession());
  }

  public void choose(HttpSession session, OrganisationId organisation) {
    session.setAttribute(ATTRIBUTE, organisation.toString());
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.removeAttribute(RESOLVED, RequestAttributes.SCOPE_REQUEST);
    }
    if (request instanceof ServletRequestAttributes servlet && servlet.getResponse() != null) {
      ResponseCookie cookie = ResponseCookie.from(LAST_USED_COOKIE, organisation.toString())
          .path("/").httpOnly(true).sameSite("Lax").maxAge(Duration.ofDays(365)).build();
      servlet.getResponse().addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
  }

  private static Optional<String> lastUsedCookie() {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet)
        || servlet.getRequest().getCookies() == null) {
      return Optional.empty();
    }
    return Arrays.stream(servlet.getRequest().getCookies()).filter(c -> LAST_USED_COOKIE.equals(c.getName()))
        .map(Cookie::getValue).findFirst();
  }

  /** The session works in no organisation now (the person left it); the next page picks another. */
  public void forget(HttpSession session) {
    session.removeAttribute(ATTRIBUTE);
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.removeAttribute(RESOLVED, RequestAttributes.SCOPE_REQUEST);
    }
  }

  private Optional<AccountOrganisation> chosen(SignedInAccount me, HttpSession session) {
    if (!(session.getAttribute(ATTRIBUTE) instanceof String id)) {
      return Optional.empty();
    }
    return workableOf(me, id);
  }

  private Optional<AccountOrganisation> workableOf(SignedInAccount me, String id) {
    try {
      return membership.organisations().of(me.id(), OrganisationId.of(id)).filter(CurrentOrganisation::workable);
    } catch (MembershipException notAnId) {
      return Optional.empty();
    }
  }

  /** Active there, in an organisation that still exists. */
  private static boolean workable(AccountOrganisation organisation) {
    return organisation.membership().isActive() && organisation.organisation().isActive();
  }

  /** The person has no organisation where they are active. */
  public static final class NoOrganisationException extends RuntimeException {
    NoOrganisationException() {
      super("No current organisation");
    }
  }
}
