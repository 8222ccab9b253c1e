package dev.membership.query;

import dev.membership.domain.DomainName;
import dev.membership.domain.OrganisationId;
import java.util.Objects;

/**
 * An organisation suggested to an account because it verified the domain of the account's address
 * and chose {@code SUGGEST}; the person may ask to join it ({@code joinRequests().request}).
 *
 * @param organisation the organisation
 * @param name its name
 * @param domain the domain that matched
 */
public record SuggestedOrganisation(OrganisationId organisation, String name, DomainName domain) {
  public SuggestedOrganisation {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domain, "domain");
  }
}
