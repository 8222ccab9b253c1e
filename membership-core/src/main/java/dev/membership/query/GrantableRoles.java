package dev.membership.query;

import dev.membership.domain.Role;
import java.util.List;

/**
 * The roles an account may give in one organisation, by the rules the commands enforce: nobody gives a
 * role that allows more than its own, and only owners make owners.
 *
 * @param toInvite the roles it may invite with, resend an invitation of, give by {@code changeRole} or
 *     with "create user directly" (it needs {@code MANAGE_MEMBERS}; empty without it). {@code
 *     changeRole} also needs the actor to be allowed to change the member's current role.
 * @param toApprove the roles it may approve a join request with (it needs {@code
 *     REVIEW_JOIN_REQUESTS}; empty without it): the plain member role always, any other it could give
 * @see dev.membership.Roles#grantableBy
 */
public record GrantableRoles(List<Role> toInvite, List<Role> toApprove) {
  public GrantableRoles {
    toInvite = List.copyOf(toInvite);
    toApprove = List.copyOf(toApprove);
  }
}
