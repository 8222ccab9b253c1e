package dev.membership.domain;

import com.ibm.icu.lang.UCharacter;

/**
 * The derived forms of stored text that stores compare, so that every store compares alike. A store
 * keeps {@link #searchForm} of organisation names and display names next to the text itself, and
 * compares it with the {@link #searchForm} of what a person searches for.
 */
public final class TextForms {
  private TextForms() {}

  /**
   * {@code text} with every code point mapped to its simple lower-case form (Unicode's one-to-one
   * mapping, as ICU knows it): "Acme" and "ACME" have the same form. Unlike
   * {@link String#toLowerCase}, it never grows ({@code "İ"} stays one character), so a column as wide
   * as the text always holds it.
   */
  public static String searchForm(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().map(UCharacter::toLowerCase).forEach(out::appendCodePoint);
    return out.toString();
  }
}
