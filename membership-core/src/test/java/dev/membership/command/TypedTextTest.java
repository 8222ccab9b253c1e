package dev.membership.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one place that cleans and checks text people type. */
class TypedTextTest {

  @Test
  void a_name_is_normalised_to_nfc_and_stripped_of_every_kind_of_space() {
    assertThat(TypedText.name("name", "\u00a0 Cafe\u0301\u3000\n", 100)).isEqualTo("Caf\u00e9");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "a NUL, 'Ac\u0000me', control_character",
      "a bell, 'Acme\u0007', control_character",
      "DEL, 'Acme\u007f', control_character",
      "a C1 control, 'Acme\u0085Inc', line_break",
      "a C1 control, 'Acme\u0090', control_character",
      "a tab, 'Acme\tInc', control_character",
      "CR LF, 'Acme\r\nInc', line_break",
      "a line separator, 'Acme\u2028Inc', line_break",
      "the old cursor separator, 'Acme\u001fInc', control_character",
      "a right-to-left override, '\u202erenwO', bidi_control",
      "an Arabic letter mark, 'Acme\u061c', bidi_control",
      "a left-to-right mark, 'Acme\u200e', bidi_control",
      "a first strong isolate, 'Acme\u2068', bidi_control",
      "a zero-width space, 'Ow\u200bner', invisible_character",
      "a zero-width joiner, 'Ow\u200dner', invisible_character",
      "a zero-width non-joiner, 'Ow\u200cner', invisible_character",
      "a soft hyphen, 'Ow\u00adner', invisible_character",
      "a byte order mark, '\ufeffOwner', invisible_character",
      "a word joiner, 'Ow\u2060ner', invisible_character",
      "an invisible times, 'Ow\u2062ner', invisible_character",
      "a tag character, 'Owner\udb40\udc41', invisible_character",
      "a Hangul filler, '\u3164', invisible_character",
      "a combining grapheme joiner, 'Ow\u034fner', invisible_character",
      "a braille pattern blank after a built-in role's name, 'Owner\u2800', invisible_character",
      "a braille pattern blank alone, '\u2800', invisible_character",
      "a high surrogate alone, 'Acme\ud83d', unpaired_surrogate",
      "a low surrogate alone, '\ude00Acme', unpaired_surrogate",
      "a noncharacter, 'Acme\ufffe', noncharacter",
      "a plane-16 noncharacter, 'Acme\udbff\udfff', noncharacter",
      "a private-use character, 'Acme\ue000', private_use",
      "an unassigned code point, 'Acme\u0378', unassigned_character",
      "a variation selector alone, '\ufe0f', not_blank",
      "combining marks alone, '\u0301\u0302', not_blank",
  })
  void a_name_with_a_character_people_cannot_see_or_that_changes_the_text_is_refused(
      String what, String name, String code) {
    assertRefused(() -> TypedText.name("name", name, 100), "name", code);
  }

  @Test
  void a_name_of_only_spaces_of_any_kind_is_blank() {
    assertRefused(() -> TypedText.name("name", "\u00a0\u2003\u3000 \t", 100), "name", "not_blank");
    assertRefused(() -> TypedText.name("name", null, 100), "name", "not_blank");
  }

  @Test
  void emoji_letters_of_any_script_and_symbols_are_names() {
    for (String name : java.util.List.of("Team \u2764\ufe0f", "\ud83d\ude00", "\u0410\u043a\u043c\u0435", "\u682a\u5f0f\u4f1a\u793e",
        "\u0645\u0631\u062d\u0628\u0627", "\ud835\udc9c\u0063\u006d\u0065", "R&D / Ops #2", "O'Brien-Smith")) {
      assertThat(TypedText.name("name", name, 100)).isEqualTo(name);
    }
  }

  @Test
  void the_length_is_counted_after_normalisation() {
    // U+0958 is excluded from composition: NFC writes it as two characters.
    assertRefused(() -> TypedText.name("name", "\u0958".repeat(51), 100), "name", "too_long");
    assertThat(TypedText.name("name", "e\u0301".repeat(100), 100)).isEqualTo("\u00e9".repeat(100));
  }

  @Test
  void a_message_keeps_its_line_breaks_and_tabs_but_no_other_control() {
    assertThat(TypedText.message("message", Optional.of("  Hello,\r\n\tthanks\u2028bye  "), 1000))
        .contains("Hello,\r\n\tthanks\u2028bye");
    assertRefused(() -> TypedText.message("message", Optional.of("\u0001".repeat(1000)), 1000), "message",
        "control_character");
    assertRefused(() -> TypedText.message("message", Optional.of("a\u000bb"), 1000), "message", "control_character");
    assertRefused(() -> TypedText.message("message", Optional.of("a\u202eb"), 1000), "message", "bidi_control");
  }

  @Test
  void a_blank_message_is_no_message() {
    assertThat(TypedText.message("message", Optional.of(" \n\t\u3000 "), 1000)).isEmpty();
    assertThat(TypedText.message("message", Optional.empty(), 1000)).isEmpty();
  }

  @Test
  void search_text_may_be_empty_but_not_hide_characters() {
    assertThat(TypedText.search("text", null, 100)).isEmpty();
    assertThat(TypedText.search("text", "  ", 100)).isEmpty();
    assertThat(TypedText.search("text", " CAFE\u0301 ", 100)).isEqualTo("CAF\u00c9");
    assertRefused(() -> TypedText.search("text", "ac\u0000", 100), "text", "control_character");
  }

  @Test
  void the_error_never_repeats_the_text() {
    assertThatThrownBy(() -> TypedText.name("name", "Secret\u200bName", 100))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Secret"));
  }

  private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.fields()).singleElement().satisfies(f -> {
          assertThat(f.field()).isEqualTo(field);
          assertThat(f.code()).isEqualTo(code);
        }));
  }
}
