package dev.membership.domain;

import java.util.Objects;

/**
 * Which sessions a host ends after a {@link MembershipEvent}, because the credentials or the access
 * they were opened with are gone. The library keeps no sessions: the host does, and ends them.
 *
 * <pre>{@code
 * switch (end) {
 *   case SessionsToEnd.All all -> sessions.endAllOf(all.account());
 *   case SessionsToEnd.AllButCurrent others -> sessions.endAllOfExcept(others.account(), currentSession());
 *   case SessionsToEnd.InOrganisation in -> sessions.leaveOrganisation(in.account(), in.organisation());
 *   case SessionsToEnd.EveryoneInOrganisation everyone -> sessions.leaveOrganisation(everyone.organisation());
 * }
 * }</pre>
 */
public sealed interface SessionsToEnd {

  /**
   * Every session of the account: its password was replaced by someone else (an admin's reset) or the
   * account was taken over by its person (a claim), so whoever signed in before must sign in again.
   */
  record All(AccountId account) implements SessionsToEnd {
    public All {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * Every session of the account except the one that made the change: the person chose a new
   * password, and whoever else knew the old one is out. Listeners run on the thread of the call that
   * made the change, right after it committed, so the host's current request is the session to keep.
   */
  record AllButCurrent(AccountId account) implements SessionsToEnd {
    public AllButCurrent {
      Objects.requireNonNull(account, "account");
    }
  }

  /**
   * The account's access to one organisation: it was deactivated or removed there, or left. Its
   * sessions may go on elsewhere, but none may act in this organisation any more (end them, or drop
   * the organisation from a session that spans several).
   */
  record InOrganisation(AccountId account, OrganisationId organisation) implements SessionsToEnd {
    public InOrganisation {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(organisation, "organisation");
    }
  }

  /** Everyone's access to the organisation: it was deleted. */
  record EveryoneInOrganisation(OrganisationId organisation) implements SessionsToEnd {
    public EveryoneInOrganisation {
      Objects.requireNonNull(organisation, "organisation");
    }
  }
}
