package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.InvalidInputException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @Test
  void addresses_differing_only_in_case_and_surrounding_spaces_are_the_same_person() {
    EmailAddress typed = EmailAddress.of("Alice@X.com ");
    EmailAddress stored = EmailAddress.of("alice@x.com");

    assertThat(typed).isEqualTo(stored);
    assertThat(typed.hashCode()).isEqualTo(stored.hashCode());
    assertThat(typed.compareTo(stored)).isZero();
    assertThat(typed.value()).isEqualTo("alice@x.com");
    assertThat(typed.toString()).isEqualTo("alice@x.com");
  }

  @Test
  void an_address_typed_with_combining_accents_is_the_same_person_as_with_precomposed_ones() {
    EmailAddress decomposed = EmailAddress.of("Jose\u0301@Bu\u0308cher.test");

    assertThat(decomposed).isEqualTo(EmailAddress.of("jos\u00e9@b\u00fccher.test"));
    assertThat(decomposed.value()).isEqualTo("jos\u00e9@b\u00fccher.test");
  }

  @Test
  void tabs_and_newlines_around_an_address_are_trimmed_too() {
    assertThat(EmailAddress.of("\t ALICE@EXAMPLE.ORG\n")).isEqualTo(EmailAddress.of("alice@example.org"));
  }

  @Test
  void normalisation_does_not_depend_on_the_default_locale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR")); // where "I".toLowerCase() is a dotless i
      assertThat(EmailAddress.of("IVAN@INFO.IO").value()).isEqualTo("ivan@info.io");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void the_domain_is_the_part_after_the_at_sign() {
    assertThat(EmailAddress.of("Bo@Sub.Acme.Test").domain()).isEqualTo("sub.acme.test");
  }

  @Test
  void an_address_of_exactly_254_characters_is_accepted() {
    String address = "l".repeat(64) + "@" + domainOf(254 - 65);
    assertThat(address).hasSize(254);
    assertThat(EmailAddress.of(address).value()).isEqualTo(address);
  }

  @Test
  void an_address_of_255_characters_or_more_is_refused() {
    String address = "l".repeat(64) + "@" + domainOf(255 - 65);
    assertThat(address).hasSize(255);
    assertInvalidEmail(address);
    assertInvalidEmail("a@" + "b".repeat(10_000) + ".com");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {
      "alice.example.com", // no @
      "alice@@example.com", // two @ together
      "ali@ce@example.com", // two @ apart
      "alice@localhost", // no dot in the domain
      "ali ce@example.com", // space in the local part
      "alice@exa mple.com", // space in the domain
      "@example.com", // nothing before @
      "alice@", // nothing after @
      ".alice@example.com", // leading dot
      "alice.@example.com", // trailing dot
      "al..ice@example.com", // two dots
      "alice@example..com", // empty label
      "alice@-example.com", // label starting with a dash
      "a<b>@example.com", // forbidden characters
  })
  void a_malformed_address_is_refused_naming_the_email_field(String raw) {
    assertInvalidEmail(raw);
    assertThat(EmailAddress.isValid(raw)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void a_missing_address_is_refused_naming_the_email_field(String raw) {
    assertInvalidEmail(raw);
    assertThat(EmailAddress.isValid(raw)).isFalse();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "ali\u00a0ce@x.com", // no-break space inside the local part
      "ali\u3000ce@x.com", // ideographic space inside the local part
      "alice\u200b@x.com", // zero-width space in the local part
      "alice@x\u200b.com", // zero-width space in the domain
      "alice@exa\u3000mple.com", // ideographic space in the domain
      "alice\u202e@x.com", // right-to-left override
      "alice@x.com\u200b", // invisible character after the address
      "ali\u0000ce@x.com", // control character
  })
  void an_address_with_a_unicode_space_or_invisible_character_inside_is_refused_so_no_look_alike_account_exists(String raw) {
    assertInvalidEmail(raw);
  }

  @Test
  void a_no_break_or_ideographic_space_pasted_around_an_address_is_trimmed_like_any_space() {
    assertThat(EmailAddress.of("\u00a0Alice@X.com\u00a0")).isEqualTo(EmailAddress.of("alice@x.com"));
    assertThat(EmailAddress.of("\u3000alice@x.com\u2003")).isEqualTo(EmailAddress.of("alice@x.com"));
  }

  @Test
  void international_letters_in_an_address_are_still_accepted() {
    assertThat(EmailAddress.isValid("j\u00fcrgen@b\u00fccher.de")).isTrue();
  }

  @Test
  void the_error_can_name_another_field() {
    assertThatThrownBy(() -> EmailAddress.of("invitee", "nope"))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.fields()).extracting(FieldViolation::field).containsExactly("invitee"));
  }

  @Test
  void the_error_message_does_not_repeat_the_rejected_input() {
    String rejected = "secret-looking-value-xyz";
    assertThatThrownBy(() -> EmailAddress.of(rejected))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(rejected));
  }

  @Test
  void only_a_normalised_value_can_be_constructed_directly() {
    assertThatThrownBy(() -> new EmailAddress("Alice@x.com")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new EmailAddress(" alice@x.com")).isInstanceOf(InvalidInputException.class);
    assertThat(new EmailAddress("alice@x.com")).isEqualTo(EmailAddress.of("ALICE@X.COM"));
  }

  @Test
  void plus_addressing_and_common_local_part_characters_are_accepted() {
    assertThat(EmailAddress.isValid("ana+crm@acme.test")).isTrue();
    assertThat(EmailAddress.isValid("o'brien_j-k@mail.acme.co.uk")).isTrue();
  }

  @Test
  void an_address_read_back_from_its_stored_value_equals_the_one_written() {
    for (String typed : new String[] {" Alice@X.com ", "bob@acme.test", "Zoe\u0301.M\u00fcller@Acme.TEST"}) {
      EmailAddress written = EmailAddress.of(typed);
      assertThat(EmailAddress.of(written.value())).isEqualTo(written);
      assertThat(new EmailAddress(written.value())).isEqualTo(written);
    }
  }

  @Test
  void a_malformed_local_part_is_still_refused_as_not_an_email_by_of_and_by_the_constructor() {
    for (String bad : new String[] {"ana..b@acme.test", ".ana@acme.test", "ana.@acme.test", "a\"b@acme.test",
        "a(b@acme.test", "a@b@acme.test", "@acme.test", "ana@", "ana@acme", "a".repeat(65) + "@acme.test"}) {
      assertThatThrownBy(() -> EmailAddress.of("invitee", bad))
          .isInstanceOfSatisfying(InvalidInputException.class,
              e -> assertThat(e.fields()).extracting(f -> f.field() + ":" + f.code()).containsExactly("invitee:not_an_email"));
      assertThatThrownBy(() -> new EmailAddress(bad)).isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void a_bad_domain_is_refused_even_right_after_a_good_domain_of_the_same_length() {
    assertThat(EmailAddress.of("ana@good.test").domain()).isEqualTo("good.test");
    assertThatThrownBy(() -> EmailAddress.of("ana@-bad.test")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new EmailAddress("ana@-bad.test")).isInstanceOf(InvalidInputException.class);
    assertThat(EmailAddress.of("ana@good.test").domain()).isEqualTo("good.test");
  }

  @Test
  void a_refused_address_tells_its_reason_naming_the_field_given() {
    assertThatThrownBy(() -> EmailAddress.of("invitee", "a".repeat(250) + "@x.com"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.fields()).extracting(f -> f.field() + ":" + f.code()).containsExactly("invitee:not_an_email");
          assertThat(e.fields().get(0).message()).contains("at most 254");
        });
  }

  private static void assertInvalidEmail(String raw) {
    assertThatThrownBy(() -> EmailAddress.of(raw))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).hasSize(1);
          assertThat(e.fields().get(0).field()).isEqualTo("email");
          assertThat(e.fields().get(0).code()).isIn("required", "not_an_email");
        });
  }

  /** A syntactically valid domain of exactly {@code length} characters: labels of 63, then the rest, then ".com". */
  private static String domainOf(int length) {
    StringBuilder domain = new StringBuilder();
    int rest = length - ".com".length();
    while (rest > 63) {
      domain.append("d".repeat(63)).append('.');
      rest -= 64;
    }
    return domain.append("d".repeat(rest)).append(".com").toString();
  }

  @Test
  void an_address_with_half_of_a_surrogate_pair_is_refused_since_databases_would_store_a_question_mark() {
    assertThat(EmailAddress.isValid("a\ud800na@acme.test")).isFalse();
    assertThat(EmailAddress.isValid("ana\ude00@acme.test")).isFalse();
    assertThat(EmailAddress.isValid("ana\ud83d\ude00@acme.test")).isTrue();
  }
}
