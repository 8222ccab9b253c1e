package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Organisation;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.EntitlementStore}: one entitlement per key and organisation, each conflict reported with the code of its own key. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class EntitlementStoreContract extends StoreContractSupport {
  @Test
  void a_second_entitlement_with_the_same_key_is_refused_with_entitlement_already_defined() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Entitlement first = entitlement(acme, "analytics", Optional.of(5));
    entitlement(globex, "analytics", Optional.empty());

    assertFailsWith(ErrorCode.ENTITLEMENT_ALREADY_DEFINED, () -> inTx(tx -> tx.entitlements().insert(
        new Entitlement(acme.id(), EntitlementKey.of("analytics"), "Other", Optional.empty(), Optional.empty(), 0))));

    assertThat(find(tx -> tx.entitlements().find(acme.id(), EntitlementKey.of("analytics")))).contains(first);
  }

  @Test
  void values_that_look_like_key_names_still_get_the_conflict_of_their_own_key() {
    Organisation acme = organisation("acme");
    inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "Primary key on ops_pk 'primary'", Set.of())));
    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "primary KEY on OPS_pk 'PRIMARY'", Set.of()))));
    account("db_pk@primary.test");
    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> tx.accounts().insert(newAccount("db_pk@primary.test"))));
  }
}
