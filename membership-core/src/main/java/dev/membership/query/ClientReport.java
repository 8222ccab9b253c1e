package dev.membership.query;

import dev.membership.domain.AccountId;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import java.time.Instant;
import java.util.Objects;

/**
 * The client an account last used an application with, in an organisation, as the host reported it.
 *
 * @param organisation where
 * @param account who
 * @param application which application
 * @param version the client's version
 * @param seenAt when it was reported
 */
public record ClientReport(OrganisationId organisation, AccountId account, EntitlementKey application,
    ClientVersion version, Instant seenAt) {
  public ClientReport {
    Objects.requireNonNull(organisation, "organisation");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(seenAt, "seenAt");
  }
}
