package dev.membership.examples.console.security;

import dev.membership.domain.Account;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a session for an account the library has just proven (signed up, accepted an invitation with
 * a new password, or completed the forced password change), the same way the sign-in form does: a
 * new session id, the security context saved, the session registered so it can be ended.
 */
@Component
public class SessionSignIn {
  private final SecurityContextRepository repository;
  private final SessionRegistry registry;
  private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

  public SessionSignIn(SecurityContextRepository repository, SessionRegistry registry) {
    this.repository = repository;
    this.registry = registry;
  }

  public void signIn(Account account, HttpServletRequest request, HttpServletResponse response) {
    SignedInAccount principal = SignedInAccount.of(account);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(MembershipAuthenticationProvider.authenticated(principal));
    holder.setContext(context);
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    repository.saveContext(context, request, response);
    registry.registerNewSession(request.getSession().getId(), principal);
  }
}
