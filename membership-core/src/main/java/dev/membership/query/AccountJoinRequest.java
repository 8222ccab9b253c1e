package dev.membership.query;

import dev.membership.domain.JoinRequest;
import dev.membership.domain.Organisation;
import java.util.Objects;

/**
 * One of an account's own join requests, with the organisation it asks to join.
 *
 * @param request the request
 * @param organisation the organisation asked
 */
public record AccountJoinRequest(JoinRequest request, Organisation organisation) {
  public AccountJoinRequest {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(organisation, "organisation");
  }
}
