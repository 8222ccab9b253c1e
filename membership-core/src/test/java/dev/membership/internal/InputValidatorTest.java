package dev.membership.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InputValidatorTest {
  private static final InputValidator VALIDATOR = new InputValidator();

  @Test
  void a_valid_invite_passes_and_is_returned_unchanged() {
    Invite invite = Invite.of("ana@acme.test", Role.ADMIN).withAccess("analytics");
    assertThat(VALIDATOR.check("invite", invite)).isSameAs(invite);
  }

  @Test
  void a_missing_command_is_refused_naming_the_command() {
    assertThat(violations(() -> VALIDATOR.check("invite", null)))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("invite", "required"));
  }

  @Test
  void an_invite_with_every_field_null_names_each_field_once() {
    assertThat(violations(() -> VALIDATOR.check("invite", new Invite(null, null, null))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactlyInAnyOrder(tuple("email", "not_blank"), tuple("role", "not_null"), tuple("grants", "not_null"));
  }

  @Test
  void a_blank_email_breaking_two_constraints_is_always_reported_once_with_the_same_code() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 20; i++) { // each validator has its own descriptors, so set order differs between them
      violations(() -> new InputValidator().check("invite", new Invite("  ", Role.MEMBER.id(), Set.of())))
          .forEach(f -> codes.add(f.field() + ":" + f.code()));
    }
    assertThat(codes).containsExactly("email:not_blank");
  }

  @Test
  void an_invite_to_a_malformed_address_is_refused_as_valid_email() {
    assertThat(violations(() -> VALIDATOR.check("invite", Invite.of("ana.acme.test", Role.MEMBER))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("email", "valid_email"));
  }

  @Test
  void an_invite_with_more_than_a_hundred_grants_is_refused_as_size() {
    Set<EntitlementKey> many = IntStream.range(0, 101).mapToObj(i -> EntitlementKey.of("e" + i)).collect(Collectors.toSet());
    assertThat(violations(() -> VALIDATOR.check("invite", new Invite("ana@acme.test", Role.MEMBER.id(), many))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("grants", "size"));
  }

  @Test
  void a_new_account_with_every_field_null_names_each_field_once() {
    assertThat(violations(() -> VALIDATOR.check("account", new NewAccount(null, null, null, null, null))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactlyInAnyOrder(
            tuple("email", "not_blank"),
            tuple("displayName", "not_blank"),
            tuple("role", "not_null"),
            tuple("grants", "not_null"),
            tuple("password", "not_null"));
  }

  @Test
  void a_new_account_with_a_blank_name_and_an_overlong_one_are_refused() {
    assertThat(violations(() -> VALIDATOR.check("account", NewAccount.generatedPassword("bo@acme.test", "   ", Role.MEMBER))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("displayName", "not_blank"));
    assertThat(violations(() -> VALIDATOR.check("account",
        NewAccount.generatedPassword("bo@acme.test", "B".repeat(201), Role.MEMBER))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("displayName", "size"));
  }

  @Test
  void a_role_definition_with_a_blank_name_and_no_permissions_set_names_both_fields() {
    assertThat(violations(() -> VALIDATOR.check("role", new RoleDefinition("   ", null))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactlyInAnyOrder(tuple("name", "not_blank"), tuple("permissions", "not_null"));
  }

  @Test
  void a_role_definition_name_is_trimmed_and_limited_to_a_hundred_characters() {
    assertThat(RoleDefinition.of("  Billing  ", Permission.VIEW_MEMBERS).name()).isEqualTo("Billing");
    assertThat(violations(() -> VALIDATOR.check("role", RoleDefinition.of("R".repeat(101)))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("name", "size"));
  }

  @Test
  void a_name_with_an_invisible_or_bidi_character_is_refused_with_the_characters_own_code() {
    assertThat(violations(() -> VALIDATOR.check("role", RoleDefinition.of("Ow\u200bner"))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("name", "invisible_character"));
    assertThat(violations(() -> VALIDATOR.check("account",
        NewAccount.generatedPassword("bo@acme.test", "Bo\u202e", Role.MEMBER))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("displayName", "bidi_control"));
    assertThat(violations(() -> VALIDATOR.check("entitlement", EntitlementDefinition.of("analytics", "Analytics\n2"))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("name", "line_break"));
  }

  @Test
  void text_in_commands_is_normalised_to_nfc_before_it_is_measured() {
    assertThat(NewMemberDetails.of(" Jose\u0301 ", "a fine long passphrase").displayName()).isEqualTo("Jos\u00e9");
    assertThat(Registration.of("ana@acme.test", "Ana\u00a0", "a fine long passphrase").displayName()).isEqualTo("Ana");
    NewAccount decomposed = NewAccount.generatedPassword("bo@acme.test", "e\u0301".repeat(200), Role.MEMBER);
    assertThat(VALIDATOR.check("account", decomposed).displayName()).isEqualTo("\u00e9".repeat(200));
  }

  @Test
  void a_role_definition_with_no_permissions_at_all_is_valid() {
    RoleDefinition empty = RoleDefinition.of("Observer");
    assertThat(VALIDATOR.check("role", empty)).isSameAs(empty);
  }

  @Test
  void an_entitlement_definition_with_null_fields_names_each_field_once() {
    assertThat(violations(() -> VALIDATOR.check("entitlement", new EntitlementDefinition(null, null, null, null))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactlyInAnyOrder(
            tuple("key", "not_null"), tuple("name", "not_blank"), tuple("seatLimit", "not_null"), tuple("validUntil", "not_null"));
  }

  @Test
  void an_entitlement_with_zero_seats_is_refused_on_the_seat_limit_field() {
    assertThat(violations(() -> VALIDATOR.check("entitlement", EntitlementDefinition.of("analytics", "Analytics").withSeats(0))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("seatLimit", "positive"));
    EntitlementDefinition ten = EntitlementDefinition.of("analytics", "Analytics").withSeats(10);
    assertThat(VALIDATOR.check("entitlement", ten)).isSameAs(ten);
  }

  @Test
  void a_registration_with_every_field_null_names_each_field_once() {
    assertThat(violations(() -> VALIDATOR.check("registration", new Registration(null, null, null))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactlyInAnyOrder(tuple("email", "not_blank"), tuple("displayName", "not_blank"), tuple("password", "not_null"));
  }

  @Test
  void new_member_details_without_a_name_are_refused() {
    assertThat(violations(() -> VALIDATOR.check("details", NewMemberDetails.of("", "a fine long passphrase"))))
        .extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(tuple("displayName", "not_blank"));
  }

  @Test
  void the_error_message_names_fields_but_never_echoes_the_rejected_value() {
    String rejected = "<script>alert(1)</script>";
    InvalidInputException e = catchInvalid(() -> VALIDATOR.check("registration",
        new Registration(rejected, "R".repeat(300), Password.of("pw"))));

    assertThat(e.getMessage()).contains("email").contains("displayName").doesNotContain(rejected).doesNotContain("RRRR");
    e.fields().forEach(f -> assertThat(f.message()).doesNotContain(rejected));
  }

  @Test
  void a_new_account_with_a_typed_password_and_grants_is_valid() {
    NewAccount account = NewAccount.withPassword("bo@acme.test", "Bo", Role.MEMBER,
        Password.of("a fine long passphrase")).withAccess("analytics", "crm.pro");
    assertThat(VALIDATOR.check("account", account)).isSameAs(account);
    assertThat(account.password()).isPresent();
    assertThat(account.grants()).containsExactlyInAnyOrder(EntitlementKey.of("analytics"), EntitlementKey.of("crm.pro"));
  }

  @Test
  void a_generated_password_account_is_valid_with_an_empty_password() {
    NewAccount account = NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER);
    assertThat(VALIDATOR.check("account", account).password()).isEqualTo(Optional.empty());
  }

  private static List<FieldViolation> violations(ThrowingCallable call) {
    return catchInvalid(call).fields();
  }

  private static InvalidInputException catchInvalid(ThrowingCallable call) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    InvalidInputException e = (InvalidInputException) thrown;
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.fields()).extracting(FieldViolation::field).doesNotHaveDuplicates();
    return e;
  }
}
