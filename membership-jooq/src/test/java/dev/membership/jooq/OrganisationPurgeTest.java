package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.MembershipPolicy;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.NewAccount;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.jooq.internal.generated.DefaultSchema;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.spi.ThrottleKey;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Purging a deleted organisation ({@code organisations().purgeDeleted()}) leaves no row that refers
 * to it, in any table of the schema, on every database: the throttle counter keyed by it included
 * (its key is a digest that only the library can name).
 */
class OrganisationPurgeTest {
  private static final EntitlementKey CAD = EntitlementKey.of("cad");

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void purging_a_deleted_organisation_leaves_no_row_that_refers_to_it(DatabaseKind kind) {
    try (TestDatabase database = TestDatabase.migrated(kind)) {
      TestMembership kit = TestMembership.on(JooqMembershipStore.create(database.dataSource()));
      OrganisationFixture globex = kit.organisation("Globex").ownedBy("owner@globex.test").create();
      OrganisationFixture acme = kit.organisation("Acme").withMembers("mo@acme.test")
          .withPendingInvitations("ivy@acme.test").create();
      var members = kit.membership().members();
      kit.membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD"));
      members.grantAccess(acme.owner(), acme.id(), acme.membership("mo@acme.test"), CAD);
      kit.membership().applications().reportClient(acme.account("mo@acme.test"), acme.id(), CAD,
          ClientVersion.parse("2025.1"));
      members.createDirectly(acme.owner(), acme.id(), NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
      // Told that an address has an account: counted on the throttle counter keyed by the organisation.
      refused(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> members.createDirectly(acme.owner(), acme.id(),
          NewAccount.generatedPassword(globex.ownerEmail(), "Gus", Role.MEMBER)));
      String counter = ThrottleKey.of("existence answers organisation:" + acme.id()).hex();
      assertThat(database.count("SELECT COUNT(*) FROM membership_throttle WHERE key_hash = '" + counter + "'"))
          .isEqualTo(1);
      kit.membership().organisations().delete(acme.owner(), acme.id(), "Acme");

      // A client reported after the deletion is refused and changes nothing.
      refused(ErrorCode.ORGANISATION_DELETED, () -> kit.membership().applications()
          .reportClient(acme.account("mo@acme.test"), acme.id(), CAD, ClientVersion.parse("2025.2")));
      assertThat(database.strings("SELECT client_version FROM membership_client_report WHERE organisation_id = '"
          + acme.id() + "'")).containsExactly("2025.1");
      assertThat(rowsReferringTo(database, acme.id())).containsKeys("membership_member", "membership_audit_event",
          "membership_client_report", "membership_organisation");

      kit.clock().advance(MembershipPolicy.DEFAULT_DELETED_ORGANISATION_RETENTION);
      while (kit.membership().organisations().purgeDeleted() > 0) {
        // until everything is purged
      }

      assertThat(rowsReferringTo(database, acme.id())).as("rows referring to the purged organisation").isEmpty();
      assertThat(database.count("SELECT COUNT(*) FROM membership_throttle WHERE key_hash = '" + counter + "'"))
          .as("its throttle counter").isZero();
      refused(ErrorCode.ORGANISATION_NOT_FOUND, () -> kit.membership().applications()
          .reportClient(acme.account("mo@acme.test"), acme.id(), CAD, ClientVersion.parse("2025.3")));
      assertThat(rowsReferringTo(database, acme.id())).isEmpty();
      // The other organisation keeps everything.
      assertThat(rowsReferringTo(database, globex.id())).containsKeys("membership_member", "membership_audit_event",
          "membership_organisation");
    }
  }

  /** How many rows of each table refer to the organisation (by {@code organisation_id}, or its own row), the tables with none left out. */
  private static Map<String, Long> rowsReferringTo(TestDatabase database, OrganisationId organisation) {
    List<Table<?>> tables = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
        .filter(t -> t.field("organisation_id") != null || t.getName().equals("membership_organisation"))
        .toList();
    assertThat(tables).hasSizeGreaterThanOrEqualTo(15);
    return tables.stream()
        .collect(Collectors.toMap(Table::getName, t -> database.count("SELECT COUNT(*) FROM " + t.getName() + " WHERE "
            + (t.field("organisation_id") != null ? "organisation_id" : "id") + " = '" + organisation + "'")))
        .entrySet().stream().filter(e -> e.getValue() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static void refused(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
