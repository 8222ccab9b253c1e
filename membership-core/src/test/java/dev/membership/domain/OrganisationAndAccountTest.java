package dev.membership.domain;

import static dev.membership.domain.MembershipStateMachineTest.assertIllegal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrganisationAndAccountTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
  private static final PasswordHash OTHER_HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdDI$aGFzaDI");

  @Test
  void a_new_organisation_is_active_and_renaming_keeps_its_identity() {
    Organisation acme = Organisation.create("Acme", NOW);
    Organisation renamed = acme.rename("Acme Ltd");

    assertThat(acme.isActive()).isTrue();
    assertThat(renamed.name()).isEqualTo("Acme Ltd");
    assertThat(renamed.id()).isEqualTo(acme.id());
    assertThat(renamed.status()).isEqualTo(OrganisationStatus.ACTIVE);
  }

  @Test
  void deleting_an_organisation_marks_it_deleted_and_keeps_it_as_history() {
    Organisation acme = Organisation.create("Acme", NOW);

    Organisation deleted = acme.delete();

    assertThat(deleted.status()).isEqualTo(OrganisationStatus.DELETED);
    assertThat(deleted.isActive()).isFalse();
    assertThat(deleted.id()).isEqualTo(acme.id());
    assertThat(deleted.name()).isEqualTo("Acme");
  }

  @Test
  void a_deleted_organisation_cannot_be_deleted_again() {
    Organisation deleted = Organisation.create("Acme", NOW).delete();
    assertIllegal(deleted::delete, OrganisationStatus.DELETED, OrganisationStatus.DELETED);
  }

  @Test
  void a_registered_account_has_a_personal_password_and_need_not_change_it() {
    Account account = Account.registered(EmailAddress.of("ana@acme.test"), "Ana", HASH, NOW);

    assertThat(account.credentialState()).isEqualTo(CredentialState.PERSONAL);
    assertThat(account.mustChangePassword()).isFalse();
    assertThat(account.temporaryPasswordExpiresAt()).isEmpty();
    assertThat(account.temporaryPasswordExpiredAt(NOW.plus(Duration.ofDays(3650)))).isFalse();
    assertThat(account.createdByOrganisation()).isEmpty();
    assertThat(account.neverSignedIn()).isTrue();
  }

  @Test
  void an_admin_created_account_must_change_its_temporary_password_which_expires() {
    OrganisationId acme = OrganisationId.random();
    Instant expiry = NOW.plus(Duration.ofDays(7));

    Account account = Account.createdByAdmin(EmailAddress.of("bo@acme.test"), "Bo", HASH, acme, expiry, NOW);

    assertThat(account.mustChangePassword()).isTrue();
    assertThat(account.credentialState()).isEqualTo(CredentialState.TEMPORARY);
    assertThat(account.createdByOrganisation()).contains(acme);
    assertThat(account.temporaryPasswordExpiredAt(expiry.minusMillis(1))).isFalse();
    assertThat(account.temporaryPasswordExpiredAt(expiry)).isTrue();
    assertThat(account.temporaryPasswordExpiredAt(expiry.plus(Duration.ofDays(1)))).isTrue();
  }

  @Test
  void choosing_a_personal_password_ends_the_temporary_one_and_its_expiry() {
    Instant expiry = NOW.plus(Duration.ofDays(7));
    Account account = Account.createdByAdmin(EmailAddress.of("bo@acme.test"), "Bo", HASH, OrganisationId.random(), expiry, NOW);

    Account changed = account.withPersonalPassword(OTHER_HASH);

    assertThat(changed.mustChangePassword()).isFalse();
    assertThat(changed.passwordHash()).isEqualTo(OTHER_HASH);
    assertThat(changed.temporaryPasswordExpiresAt()).isEmpty();
    assertThat(changed.temporaryPasswordExpiredAt(expiry.plus(Duration.ofDays(1)))).isFalse();
    assertThat(changed.createdByOrganisation()).as("still the organisation's own account").isEqualTo(account.createdByOrganisation());
  }

  @Test
  void resending_credentials_sets_a_new_temporary_password_with_a_new_expiry() {
    Account account = Account.registered(EmailAddress.of("bo@acme.test"), "Bo", HASH, NOW);
    Instant newExpiry = NOW.plus(Duration.ofDays(14));

    Account reset = account.withTemporaryPassword(OTHER_HASH, newExpiry);

    assertThat(reset.mustChangePassword()).isTrue();
    assertThat(reset.passwordHash()).isEqualTo(OTHER_HASH);
    assertThat(reset.temporaryPasswordExpiresAt()).contains(newExpiry);
  }

  @Test
  void rehashing_keeps_the_kind_of_password_and_its_expiry() {
    Instant expiry = NOW.plus(Duration.ofDays(7));
    Account account = Account.createdByAdmin(EmailAddress.of("bo@acme.test"), "Bo", HASH, OrganisationId.random(), expiry, NOW);

    Account rehashed = account.withRehashedPassword(OTHER_HASH);

    assertThat(rehashed.mustChangePassword()).isTrue();
    assertThat(rehashed.temporaryPasswordExpiresAt()).contains(expiry);
    assertThat(rehashed.passwordHash()).isEqualTo(OTHER_HASH);
  }

  @Test
  void signing_in_ends_the_created_by_admin_state() {
    Account account = Account.createdByAdmin(EmailAddress.of("bo@acme.test"), "Bo", HASH, OrganisationId.random(),
        NOW.plus(Duration.ofDays(7)), NOW);

    Account signedIn = account.signedInAt(NOW.plusSeconds(5));

    assertThat(account.neverSignedIn()).isTrue();
    assertThat(signedIn.neverSignedIn()).isFalse();
    assertThat(signedIn.lastSignInAt()).contains(NOW.plusSeconds(5));
  }

  @Test
  void a_temporary_password_without_an_expiry_or_a_personal_one_with_an_expiry_cannot_be_built() {
    EmailAddress email = EmailAddress.of("bo@acme.test");
    assertThatThrownBy(() -> new Account(AccountId.random(), email, "Bo", HASH, CredentialState.TEMPORARY,
        Optional.empty(), Optional.empty(), Optional.empty(), NOW, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Account(AccountId.random(), email, "Bo", HASH, CredentialState.PERSONAL,
        Optional.of(NOW), Optional.empty(), Optional.empty(), NOW, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
