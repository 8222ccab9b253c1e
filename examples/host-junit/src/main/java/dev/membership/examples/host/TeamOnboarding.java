package dev.membership.examples.host;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import java.util.Objects;

/**
 * A host's own code on top of Memberships: a team lead brings a colleague in as an admin, and the
 * colleague joins from the e-mailed link. The tests beside it run it on the testkit.
 */
public final class TeamOnboarding {
  private final Memberships membership;

  /** Onboarding on the host's {@link Memberships}. */
  public TeamOnboarding(Memberships membership) {
    this.membership = Objects.requireNonNull(membership, "membership");
  }

  /** The lead invites {@code email} to {@code team} as an admin. */
  public void inviteAdmin(AccountId lead, OrganisationId team, String email) {
    membership.invitations().invite(lead, team, Invite.of(email, Role.ADMIN));
  }

  /** The invited colleague follows the link's {@code token} and picks a name and password. */
  public AccountId join(String token, String displayName, String password) {
    return membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of(displayName, password)).account().id();
  }
}
