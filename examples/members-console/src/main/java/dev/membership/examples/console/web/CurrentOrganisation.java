package dev.membership.examples.console.web;

import dev.membership.Membership;
import dev.membership.domain.OrganisationId;
import dev.membership.examples.console.security.SignedInAccount;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.PageRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which organisation the person is working in: chosen in the header's switcher, kept in the session,
 * and checked against the library on every request, so a deactivated or removed membership stops
 * working at once even where a session survived.
 */
@Component
public class CurrentOrganisation {
  static final String ATTRIBUTE = "currentOrganisationId";
  private final Membership membership;

  public CurrentOrganisation(Membership membership) {
    this.membership = membership;
  }

  /** The person's organisations (active and deactivated memberships), by name. */
  public List<AccountOrganisation> all(SignedInAccount me) {
    return membership.organisations().of(me.id(), PageRequest.first(PageRequest.MAX_LIMIT)).items();
  }

  /** The organisation chosen in this session if the person is still active there, else their first active one. */
  public Optional<AccountOrganisation> resolve(SignedInAccount me, List<AccountOrganisation> all, HttpSession session) {
    Object chosen = session.getAttribute(ATTRIBUTE);
    Optional<AccountOrganisation> current = all.stream()
        .filter(o -> o.organisation().id().toString().equals(chosen))
        .filter(o -> o.membership().isActive() && o.organisation().isActive())
        .findFirst();
    if (current.isEmpty()) {
      current = all.stream().filter(o -> o.membership().isActive() && o.organisation().isActive()).findFirst();
      current.ifPresentOrElse(o -> session.setAttribute(ATTRIBUTE, o.organisation().id().toString()),
          () -> session.removeAttribute(ATTRIBUTE));
    }
    return current;
  }

  /** The current organisation, or a refusal that sends the person to choose or create one. */
  public AccountOrganisation require(SignedInAccount me, HttpSession session) {
    return resolve(me, all(me), session).orElseThrow(NoOrganisationException::new);
  }

  public void choose(HttpSession session, OrganisationId organisation) {
    session.setAttribute(ATTRIBUTE, organisation.toString());
  }

  /** The person has no organisation where they are active. */
  public static final class NoOrganisationException extends RuntimeException {
    NoOrganisationException() {
      super("No current organisation");
    }
  }
}
