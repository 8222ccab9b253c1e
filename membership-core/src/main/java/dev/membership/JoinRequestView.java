package dev.membership;

import dev.membership.domain.JoinRequest;
import dev.membership.query.AccountSummary;
import java.util.Objects;

/**
 * A row of the "Join Requests" tab: the request and who made it.
 *
 * @param request the request
 * @param requester the account asking
 */
public record JoinRequestView(JoinRequest request, AccountSummary requester) {
  public JoinRequestView {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requester, "requester");
  }
}
