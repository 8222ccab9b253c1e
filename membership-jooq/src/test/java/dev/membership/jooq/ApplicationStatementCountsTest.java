package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.EntitlementDefinition;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.StatementCounter;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.query.AccessDecision;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application access check is on every request's path: one SQL statement once the
 * catalogue is in the process, and reporting a client is one upsert, on every database.
 */
class ApplicationStatementCountsTest {
  private static final EntitlementKey DESIGNER = EntitlementKey.of("designer");

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void an_application_access_check_costs_one_statement_and_a_client_report_one(DatabaseKind kind) {
    StatementCounter counter = new StatementCounter();
    try (TestDatabase database = TestDatabase.migrated(kind)) {
      TestMembership kit = TestMembership.on(
          JooqMembershipStore.builder(database.dataSource()).executeListener(counter).build());
      OrganisationFixture acme = kit.organisation("Acme").withMembers("ana@acme.test").create();
      kit.membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("designer", "Designer"));
      kit.membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("ana@acme.test"), DESIGNER);
      kit.membership().applications().define("ops@host.test", DESIGNER, "Designer");
      kit.membership().applications().schedulePolicy("ops@host.test", DESIGNER,
          new ClientPolicy(Instant.parse("2026-01-01T00:00:00Z"), List.of(ClientVersion.parse("2025.4"))));
      var ana = acme.account("ana@acme.test");
      kit.membership().access().check(ana, acme.id(), DESIGNER, ClientVersion.parse("2025.4"));

      counter.reset();
      AccessDecision allowed = kit.membership().access().check(ana, acme.id(), DESIGNER, ClientVersion.parse("2025.5"));
      AccessDecision refused = kit.membership().access().check(ana, acme.id(), DESIGNER, ClientVersion.parse("2025.3"));
      assertThat(List.of(allowed.allowed(), refused.allowed())).containsExactly(true, false);
      assertThat(counter.count()).as("statements of two checks: %s", counter.statements()).isEqualTo(2);

      counter.reset();
      kit.membership().applications().reportClient(ana, acme.id(), DESIGNER, ClientVersion.parse("2025.5"));
      kit.membership().applications().reportClient(ana, acme.id(), DESIGNER, ClientVersion.parse("2025.6"));
      assertThat(counter.count()).as("statements of two reports: %s", counter.statements()).isEqualTo(2);
    }
  }
}
