package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordTest {

  @Test
  void a_composed_and_a_decomposed_accent_are_the_same_password() {
    Password composed = Password.of("caf\u00e9 au lait s'il vous pla\u00eet");
    Password decomposed = Password.of("cafe\u0301 au lait s'il vous plai\u0302t");

    assertThat(decomposed.reveal()).isEqualTo(composed.reveal());
    assertThat(decomposed.length()).isEqualTo(composed.length());
  }

  @Test
  void full_width_characters_typed_on_an_asian_keyboard_are_the_same_password() {
    Password fullWidth = Password.of("\uff43\uff4f\uff52\uff52\uff45\uff43\uff54 \uff48\uff4f\uff52\uff53\uff45 \uff11\uff12\uff13");
    assertThat(fullWidth.reveal()).isEqualTo("correct horse 123");
  }

  @Test
  void compatibility_ligatures_are_normalised() {
    assertThat(Password.of("\ufb01rst o\ufb03ce").reveal()).isEqualTo("first office");
  }

  @Test
  void length_counts_characters_a_person_sees_not_utf16_units() {
    Password emoji = Password.of("\ud83d\udd11".repeat(15));
    assertThat(emoji.length()).isEqualTo(15);
    assertThat(emoji.reveal()).hasSize(30);
  }

  @Test
  void a_long_unicode_password_is_kept_whole_without_truncation() {
    String text = ("p\u00e4ss\u00e9 \u6f22\u5b57 \ud83d\ude80\ud83c\udf1f \u00df\u00f1 \u0416\u0418\u0412 ").repeat(8);
    Password password = Password.of(text);

    assertThat(password.reveal()).isEqualTo(text);
    assertThat(password.length()).isEqualTo(text.codePointCount(0, text.length())).isGreaterThan(64);
  }

  @Test
  void a_password_never_prints_and_has_no_value_equality() {
    Password password = Password.of("correct horse battery staple");

    assertThat(password.toString()).doesNotContain("correct").doesNotContain("horse").isEqualTo("Password[redacted]");
    assertThat(password).isNotEqualTo(Password.of("correct horse battery staple"));
  }
}
