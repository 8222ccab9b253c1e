package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.CreatedMember;
import dev.membership.SignInResult;
import dev.membership.command.NewAccount;
import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.testkit.OrganisationFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: sign in (and its throttle), temporary passwords, change one's own password, for accounts
 * signed up and verified; signing up itself is {@link SignUpContract}.
 */
public abstract class AccountsContract extends StoreContractSupport {
  private static final String SECRET = "a long and personal passphrase";
  private static final Password WRONG = Password.of("not the right passphrase at all");

  private Account register(String email) {
    return membership().accounts().find(kit().registeredAccount(email, "Alice", SECRET)).orElseThrow();
  }

  @Test
  void a_registered_person_signs_in_with_their_password() {
    Account alice = register(" Alice@X.test ");

    SignInResult result = membership().accounts().signIn("alice@x.test", Password.of(SECRET));

    assertThat(alice.email().value()).isEqualTo("alice@x.test");
    assertThat(result).isInstanceOfSatisfying(SignInResult.SignedIn.class,
        signedIn -> assertThat(signedIn.account().id()).isEqualTo(alice.id()));
    assertThat(membership().accounts().find(alice.id()).orElseThrow().lastSignInAt()).contains(kit().clock().instant());
  }

  @Test
  void signing_up_again_with_a_registered_address_in_any_case_changes_nothing_about_its_account() {
    Account alice = register("alice@x.test");

    membership().accounts().register(Registration.of("ALICE@x.test ", "Other", "another long passphrase"));

    assertThat(membership().accounts().findByEmail("Alice@X.test")).contains(alice);
    assertThat(membership().accounts().signIn("alice@x.test", Password.of(SECRET))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().accounts().signIn("alice@x.test", Password.of("another long passphrase")))
        .isInstanceOf(SignInResult.Failed.class);
  }

  @Test
  void a_wrong_password_and_an_unknown_address_get_the_same_generic_failure() {
    register("alice@x.test");

    SignInResult wrongPassword = membership().accounts().signIn("alice@x.test", WRONG);
    SignInResult unknown = membership().accounts().signIn("nobody@x.test", Password.of(SECRET));

    assertThat(wrongPassword).isEqualTo(new SignInResult.Failed());
    assertThat(unknown).isEqualTo(new SignInResult.Failed());
  }

  @Test
  void a_temporary_password_asks_for_a_password_change() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    CreatedMember bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));

    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword()))
        .isInstanceOfSatisfying(SignInResult.PasswordChangeRequired.class,
            required -> assertThat(required.account().id()).isEqualTo(bo.account().id()));
  }

  @Test
  void a_temporary_password_expires_after_seven_days() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    CreatedMember bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));

    kit().clock().advance(Duration.ofDays(7));

    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword()))
        .isInstanceOf(SignInResult.TemporaryPasswordExpired.class);
    assertFailsWith(ErrorCode.INVALID_CREDENTIALS, () -> membership().accounts().changePassword(bo.account().id(),
        bo.temporaryPassword(), Password.of("my very own passphrase")));
  }

  @Test
  void a_person_changes_their_own_password() {
    Account alice = register("alice@x.test");
    Password next = Password.of("an even longer personal passphrase");

    membership().accounts().changePassword(alice.id(), Password.of(SECRET), next);

    assertThat(membership().accounts().signIn("alice@x.test", Password.of(SECRET))).isInstanceOf(SignInResult.Failed.class);
    assertThat(membership().accounts().signIn("alice@x.test", next)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void changing_a_password_needs_the_current_one() {
    Account alice = register("alice@x.test");

    assertFailsWith(ErrorCode.INVALID_CREDENTIALS,
        () -> membership().accounts().changePassword(alice.id(), WRONG, Password.of("an even longer personal passphrase")));

    assertThat(membership().accounts().signIn("alice@x.test", Password.of(SECRET))).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void sign_in_waits_after_five_failures_and_opens_again_once_the_wait_is_over() {
    register("alice@x.test");
    for (int i = 0; i < 5; i++) {
      assertThat(membership().accounts().signIn("alice@x.test", WRONG)).isInstanceOf(SignInResult.Failed.class);
    }

    SignInResult throttled = membership().accounts().signIn("alice@x.test", Password.of(SECRET));
    kit().clock().advance(Duration.ofSeconds(30));
    SignInResult later = membership().accounts().signIn("alice@x.test", Password.of(SECRET));

    assertThat(throttled).isEqualTo(new SignInResult.Throttled(Duration.ofSeconds(30)));
    assertThat(later).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void sign_in_is_throttled_for_an_unknown_address_exactly_as_for_a_known_one() {
    for (int i = 0; i < 5; i++) {
      assertThat(membership().accounts().signIn("nobody@x.test", WRONG)).isInstanceOf(SignInResult.Failed.class);
    }

    assertThat(membership().accounts().signIn("Nobody@X.test", WRONG)).isInstanceOf(SignInResult.Throttled.class);
  }

  @Test
  void a_password_shorter_than_the_policy_is_refused_at_registration() {
    assertFailsWith(ErrorCode.INVALID_INPUT,
        () -> membership().accounts().register(Registration.of("alice@x.test", "Alice", "too short")));

    assertThat(membership().accounts().findByEmail("alice@x.test")).isEmpty();
  }
}
