package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Organisation;
import dev.membership.domain.PasswordHash;
import dev.membership.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.AccountStore}: an account reads back exactly as written, and one address (compared in its normalised form) has one account. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class AccountStoreContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

  @Test
  void an_account_reads_back_as_written_with_every_optional_field_present() {
    Organisation acme = organisation("acme");
    Account bo = new Account(AccountId.random(), EmailAddress.of("bo@acme.test"), "Bo Ek", new PasswordHash("$x$hash"),
        CredentialState.TEMPORARY, Optional.of(MS.plusSeconds(604_800)), Optional.of(acme.id()), Optional.of(MS.plusMillis(5)),
        MS, 0);
    Account plain = newAccount("plain@x.test");
    inTx(tx -> {
      tx.accounts().insert(bo);
      tx.accounts().insert(plain);
    });

    assertThat(find(tx -> tx.accounts().find(bo.id()))).contains(bo);
    assertThat(find(tx -> tx.accounts().find(plain.id()))).contains(plain);
    assertThat(list(tx -> tx.accounts().findAll(List.of(bo.id(), plain.id(), bo.id(), AccountId.random()))))
        .containsExactlyInAnyOrder(bo, plain);
    assertThat(list(tx -> tx.accounts().findAll(List.of()))).isEmpty();
  }

  @Test
  void an_account_update_keeps_every_field() {
    Account alice = account("alice@x.test");
    Account changed = alice.withTemporaryPassword(new PasswordHash("$x$temp"), MS).signedInAt(MS.plusMillis(1))
        .withDisplayName("Alice B");

    Account stored = tx(tx -> tx.accounts().update(changed));

    assertThat(find(tx -> tx.accounts().find(alice.id()))).contains(stored);
    assertThat(stored.temporaryPasswordExpiresAt()).contains(MS);
    assertThat(stored.lastSignInAt()).contains(MS.plusMillis(1));
    assertThat(stored.displayName()).isEqualTo("Alice B");
  }

  @Test
  void a_second_account_with_the_same_email_is_refused_with_email_already_registered() {
    Account first = account("alice@x.test");

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> tx.accounts().insert(newAccount("alice@x.test"))));

    assertThat(find(tx -> tx.accounts().findByEmail(email("alice@x.test")))).map(Account::id).contains(first.id());
  }

  @Test
  void an_address_typed_with_capitals_and_spaces_is_the_same_account() {
    Account first = account("alice@x.com");

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> tx.accounts().insert(newAccount("Alice@X.com "))));

    assertThat(find(tx -> tx.accounts().findByEmail(email("  ALICE@x.COM")))).map(Account::id).contains(first.id());
  }

  @Test
  void an_account_is_found_by_id_and_by_email_exactly_as_stored() {
    Account alice = account("alice@x.test");

    assertThat(find(tx -> tx.accounts().find(alice.id()))).contains(alice);
    assertThat(find(tx -> tx.accounts().findByEmail(email("alice@x.test")))).contains(alice);
    assertThat(find(tx -> tx.accounts().findByEmail(email("bob@x.test")))).isEmpty();
  }
}
