package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The search form of a name never outgrows it, so the column sized for the name holds it. */
class TextFormsTest {

  @Test
  void the_search_form_ignores_case() {
    assertThat(TextForms.searchForm("ACME Straße")).isEqualTo("acme straße");
  }

  @Test
  void a_dotted_capital_i_stays_one_character() {
    assertThat(TextForms.searchForm("\u0130".repeat(200))).isEqualTo("i".repeat(200));
  }

  @Test
  void no_character_changes_length_in_its_search_form() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      String one = Character.toString(c);
      if (TextForms.searchForm(one).length() != one.length()) {
        throw new AssertionError("U+" + Integer.toHexString(c) + " changes length");
      }
    }
  }
}
