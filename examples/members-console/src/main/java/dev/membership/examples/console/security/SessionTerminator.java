package dev.membership.examples.console.security;

import dev.membership.domain.AccountId;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.SessionsToEnd;
import dev.membership.spi.MembershipEventListener;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Ends the sessions the library says to end after each committed change ({@link
 * MembershipEvent#sessionsToEnd()}): every session of an account whose password an admin reset or whose
 * account was claimed; every other session of a person who changed their own password; the sessions of
 * a person deactivated in, removed from or leaving an organisation (but not the session of the person
 * leaving). The next request of an ended session goes to the sign-in page. An organisation that was
 * deleted needs nothing here: every request checks the current organisation against the library.
 */
@Component
public class SessionTerminator implements MembershipEventListener {
  private final SessionRegistry registry;

  public SessionTerminator(SessionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(MembershipEvent event) {
    event.sessionsToEnd().ifPresent(this::end);
  }

  private void end(SessionsToEnd sessions) {
    switch (sessions) {
      case SessionsToEnd.All all -> expire(all.account(), Optional.empty());
      // Listeners run on the thread of the request that made the change: its session is the one to keep.
      case SessionsToEnd.AllButCurrent others -> expire(others.account(), currentSessionId());
      case SessionsToEnd.InOrganisation in -> expire(in.account(), currentSessionId());
      case SessionsToEnd.EveryoneInOrganisation everyone -> {
        // Each request resolves its current organisation through the library, which no longer has it.
      }
    }
  }

  private void expire(AccountId account, Optional<String> keep) {
    String id = account.toString();
    for (Object principal : registry.getAllPrincipals()) {
      if (principal instanceof SignedInAccount signedIn && signedIn.accountId().equals(id)) {
        registry.getAllSessions(principal, false).stream()
            .filter(session -> keep.map(k -> !k.equals(session.getSessionId())).orElse(true))
            .forEach(SessionInformation::expireNow);
      }
    }
  }

  private static Optional<String> currentSessionId() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        ? Optional.ofNullable(attributes.getRequest().getSession(false)).map(HttpSession::getId)
        : Optional.empty();
  }
}
