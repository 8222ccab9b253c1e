package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.RoleStore} (and the entitlements listed beside roles): custom roles read back exactly as written, and their names are unique per organisation, built-in roles included. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class RoleStoreContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

  @Test
  void roles_and_entitlements_read_back_as_written() {
    Organisation acme = organisation("acme");
    Role none = Role.custom(acme.id(), "Nobody", Set.of());
    Role all = Role.custom(acme.id(), "Everything", Set.of(Permission.values()));
    Entitlement trial = new Entitlement(acme.id(), EntitlementKey.of("crm.pro-trial_2"), "CRM Pro trial", Optional.of(7),
        Optional.of(MS.plusSeconds(86_400)), 0);
    Entitlement unlimited = new Entitlement(acme.id(), EntitlementKey.of("analytics"), "Analytics", Optional.empty(),
        Optional.empty(), 0);
    inTx(tx -> {
      tx.roles().insert(none);
      tx.roles().insert(all);
      tx.entitlements().insert(trial);
      tx.entitlements().insert(unlimited);
    });

    assertThat(find(tx -> tx.roles().find(acme.id(), none.id()))).contains(none);
    assertThat(find(tx -> tx.roles().find(acme.id(), all.id()))).contains(all);
    assertThat(find(tx -> tx.roles().find(acme.id(), Role.OWNER.id()))).contains(Role.OWNER);
    assertThat(list(tx -> tx.roles().list(acme.id()))).containsExactly(Role.OWNER, Role.ADMIN, Role.MEMBER, all, none);
    assertThat(list(tx -> tx.entitlements().list(acme.id()))).containsExactly(unlimited, trial);
    Role renamed = tx(tx -> tx.roles().update(none.withDefinition("Viewer", Set.of(Permission.VIEW_MEMBERS))));
    assertThat(find(tx -> tx.roles().find(acme.id(), none.id()))).contains(renamed);
    inTx(tx -> tx.roles().delete(acme.id(), all.id()));
    assertThat(find(tx -> tx.roles().find(acme.id(), all.id()))).isEmpty();
  }

  @Test
  void a_custom_role_name_taken_in_another_case_is_refused_with_role_name_taken() {
    Organisation acme = organisation("acme");
    Role billing = customRole(acme, "Billing", Permission.VIEW_MEMBERS);

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "BILLING", Set.of(Permission.VIEW_AUDIT_LOG)))));

    assertThat(list(tx -> tx.roles().list(acme.id()))).extracting(Role::name).containsExactly("Owner", "Admin", "Member", "Billing");
    assertThat(find(tx -> tx.roles().find(acme.id(), billing.id()))).contains(billing);
  }

  @Test
  void a_custom_role_may_not_take_the_name_of_a_built_in_role() {
    Organisation acme = organisation("acme");

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "admin", Set.of(Permission.VIEW_MEMBERS)))));
  }

  @Test
  void renaming_a_role_to_a_taken_name_is_refused_with_role_name_taken() {
    Organisation acme = organisation("acme");
    customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Role support = customRole(acme, "Support", Permission.VIEW_MEMBERS);

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().update(support.withDefinition("billing", support.permissions()))));

    assertThat(find(tx -> tx.roles().find(acme.id(), support.id()))).map(Role::name).contains("Support");
  }

  @Test
  void two_organisations_may_each_have_a_role_of_the_same_name() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");

    Role acmeBilling = customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Role globexBilling = customRole(globex, "Billing", Permission.VIEW_AUDIT_LOG);

    assertThat(find(tx -> tx.roles().find(acme.id(), acmeBilling.id()))).contains(acmeBilling);
    assertThat(find(tx -> tx.roles().find(globex.id(), globexBilling.id()))).contains(globexBilling);
  }
}
