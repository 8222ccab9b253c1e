package dev.membership.examples.console.security;

import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.MembershipEvent;
import dev.membership.spi.MembershipEventListener;
import java.util.Set;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * Ends every session of a person who was deactivated or removed, or whose password an admin replaced
 * with a temporary one (which only lets them choose a new password): the library tells the host after
 * the change committed, and the next request of such a session is sent to the sign-in page. It acts
 * on those organisation events only; account events ({@code SessionsToEnd} of a person's own password
 * change or a claim) are not acted on yet.
 */
@Component
public class SessionTerminator implements MembershipEventListener {
  private static final Set<AuditAction> ENDING = Set.of(AuditAction.MEMBER_DEACTIVATED, AuditAction.MEMBER_REMOVED,
      AuditAction.MEMBER_CREDENTIALS_RESENT, AuditAction.MEMBER_PASSWORD_CHANGED_BY_ADMIN);
  private final SessionRegistry registry;

  public SessionTerminator(SessionRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(MembershipEvent event) {
    if (!(event instanceof AuditEvent audit) || !ENDING.contains(audit.action()) || audit.subjectAccount().isEmpty()) {
      return;
    }
    String account = audit.subjectAccount().get().toString();
    for (Object principal : registry.getAllPrincipals()) {
      if (principal instanceof SignedInAccount signedIn && signedIn.accountId().equals(account)) {
        registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
      }
    }
  }
}
