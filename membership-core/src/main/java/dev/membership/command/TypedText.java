package dev.membership.command;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.UnicodeSet;
import dev.membership.error.FieldViolation;
import dev.membership.error.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one place that cleans and checks text a person types: names (of organisations, people, roles,
 * entitlements), join-request messages and search text. Every command runs its text through here,
 * so every store receives only text it can hold exactly.
 *
 * <p>Cleaning: Unicode NFC normalisation (ICU4J), then white space (any Unicode {@code White_Space}:
 * no-break and ideographic spaces too) removed from both ends. Lengths are counted on the cleaned
 * text, in Java {@code char}s.
 *
 * <p>Refused anywhere, each with its own stable code in the {@link FieldViolation}:
 *
 * <ul>
 *   <li>{@code control_character}: C0 controls, DEL and C1 controls (a message keeps line breaks and
 *       tabs);
 *   <li>{@code line_break}: CR, LF, VT, FF, NEL, U+2028 and U+2029 in a one-line text (a name);
 *   <li>{@code bidi_control}: the {@code Bidi_Control} characters (U+061C, U+200E, U+200F,
 *       U+202A-U+202E, U+2066-U+2069), which reorder what a reader sees (U+202E then "renwo" shows as
 *       "owner");
 *   <li>{@code invisible_character}: format characters (category Cf: zero-width space and joiners,
 *       soft hyphen, U+FEFF, U+2060-U+2064, tag characters...) and other default-ignorable ones
 *       (Hangul fillers, combining grapheme joiner), except variation selectors, which emoji need;
 *       and U+2800 (braille pattern blank), a symbol that renders as a blank, so that "Owner" with it
 *       at the end cannot pass for "Owner", nor a name made of it for an empty one;
 *   <li>{@code unpaired_surrogate}: half of a UTF-16 pair, which no database stores as it is;
 *   <li>{@code noncharacter}: the 66 Unicode noncharacters;
 *   <li>{@code private_use}: private-use characters, whose look depends on the reader's fonts;
 *   <li>{@code unassigned_character}: code points Unicode has not assigned yet;
 *   <li>{@code not_blank}: a name without any letter, digit, symbol or punctuation (only spaces, marks
 *       or variation selectors).
 * </ul>
 */
public final class TypedText {
  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();

  private static final UnicodeSet LONE_SURROGATES = set("[:Cs:]");
  private static final UnicodeSet LINE_BREAKS = set("[\\u000A-\\u000D\\u0085\\u2028\\u2029]");
  /** What a message keeps: line feed, carriage return, tab, line and paragraph separators. */
  private static final UnicodeSet KEPT_IN_MESSAGES = set("[\\u0009\\u000A\\u000D\\u2028\\u2029]");
  private static final UnicodeSet CONTROLS = set("[:Cc:]");
  private static final UnicodeSet BIDI_CONTROLS = set("[:Bidi_Control:]");
  private static final UnicodeSet INVISIBLE = set("[[:Cf:][:Default_Ignorable_Code_Point:][\\u2800]-[:Variation_Selector:]]");
  private static final UnicodeSet NONCHARACTERS = set("[:Noncharacter_Code_Point:]");
  private static final UnicodeSet PRIVATE_USE = set("[:Co:]");
  private static final UnicodeSet UNASSIGNED = set("[:Cn:]");
  /** Letters, digits, symbols and punctuation: what a reader sees on its own. */
  private static final UnicodeSet VISIBLE = set("[[:L:][:N:][:S:][:P:]]");

  private TypedText() {}

  private static UnicodeSet set(String pattern) {
    return new UnicodeSet(pattern).freeze();
  }

  /** How a text may be laid out. */
  public enum Lines {
    /** A name: one line. */
    ONE,
    /** A message: line breaks and tabs are kept. */
    MANY
  }

  /** One reason a text is refused. */
  public enum Problem {
    CONTROL_CHARACTER("must not contain control characters"),
    LINE_BREAK("must be on one line"),
    BIDI_CONTROL("must not contain characters that reorder text (bidirectional controls)"),
    INVISIBLE_CHARACTER("must not contain invisible characters (zero-width spaces, joiners, soft hyphens...)"),
    UNPAIRED_SURROGATE("must not contain half of a character (an unpaired surrogate)"),
    NONCHARACTER("must not contain Unicode noncharacters"),
    PRIVATE_USE("must not contain private-use characters"),
    UNASSIGNED_CHARACTER("must not contain characters Unicode has not assigned"),
    NOT_BLANK("must contain a visible character");

    private final String message;

    Problem(String message) {
      this.message = message;
    }

    /** The stable code, e.g. {@code invisible_character}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** A sentence for a person; never repeats the text. */
    public String message() {
      return message;
    }

    /** This problem on {@code field}. */
    public FieldViolation on(String field) {
      return new FieldViolation(field, code(), message);
    }
  }

  /**
   * NFC-normalised, with white space removed from both ends; {@code null} stays {@code null}. What the
   * command records do to their text in their constructors.
   */
  public static @Nullable String clean(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    String text = NFC.normalize(raw);
    int start = 0;
    int end = text.length();
    while (start < end && UCharacter.isUWhiteSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && UCharacter.isUWhiteSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  /**
   * The first problem of a cleaned text, if any. An empty text has none (whether it may be empty is
   * the caller's rule); a text with characters but none visible is {@link Problem#NOT_BLANK}.
   */
  public static Optional<Problem> problem(String cleaned, Lines lines) {
    boolean visible = false;
    for (int i = 0; i < cleaned.length(); ) {
      int c = cleaned.codePointAt(i);
      i += Character.charCount(c);
      Optional<Problem> problem = problemWith(c, lines);
      if (problem.isPresent()) {
        return problem;
      }
      visible |= isVisible(c);
    }
    return cleaned.isEmpty() || visible ? Optional.empty() : Optional.of(Problem.NOT_BLANK);
  }

  /**
   * A one-line name: cleaned and checked.
   *
   * @throws InvalidInputException on {@code field}: {@code not_blank} when missing or blank,
   *     {@code too_long} beyond {@code maxLength} characters, or one of the problems above
   */
  public static String name(String field, String raw, int maxLength) {
    String text = clean(raw);
    if (text == null || text.isEmpty()) {
      throw InvalidInputException.of(field, "not_blank", "must not be blank");
    }
    return checked(field, text, Lines.ONE, maxLength);
  }

  /**
   * A free-text message that may span lines: cleaned and checked; empty when missing or blank.
   *
   * @throws InvalidInputException on {@code field}: {@code too_long} beyond {@code maxLength}
   *     characters, or one of the problems above
   */
  public static Optional<String> message(String field, Optional<String> raw, int maxLength) {
    String text = clean(raw.orElse(null));
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(checked(field, text, Lines.MANY, maxLength));
  }

  /**
   * Search text: cleaned and checked like a name, but it may be empty (search for everything).
   *
   * @throws InvalidInputException on {@code field}: {@code too_long} beyond {@code maxLength}
   *     characters, or one of the problems above
   */
  public static String search(String field, String raw, int maxLength) {
    String text = clean(raw);
    if (text == null || text.isEmpty()) {
      return "";
    }
    return checked(field, text, Lines.ONE, maxLength);
  }

  private static String checked(String field, String text, Lines lines, int maxLength) {
    if (text.length() > maxLength) {
      throw InvalidInputException.of(field, "too_long", "must be at most " + maxLength + " characters");
    }
    problem(text, lines).ifPresent(p -> {
      throw new InvalidInputException(List.of(p.on(field)));
    });
    return text;
  }

  private static Optional<Problem> problemWith(int c, Lines lines) {
    if (LONE_SURROGATES.contains(c)) {
      return Optional.of(Problem.UNPAIRED_SURROGATE); // a pair is one code point: only a lone half gets here
    }
    if (LINE_BREAKS.contains(c)) {
      boolean kept = lines == Lines.MANY && KEPT_IN_MESSAGES.contains(c);
      return kept ? Optional.empty() : Optional.of(lines == Lines.ONE ? Problem.LINE_BREAK : Problem.CONTROL_CHARACTER);
    }
    if (CONTROLS.contains(c)) {
      return lines == Lines.MANY && KEPT_IN_MESSAGES.contains(c) ? Optional.empty() : Optional.of(Problem.CONTROL_CHARACTER);
    }
    if (BIDI_CONTROLS.contains(c)) {
      return Optional.of(Problem.BIDI_CONTROL);
    }
    if (INVISIBLE.contains(c)) {
      return Optional.of(Problem.INVISIBLE_CHARACTER);
    }
    if (NONCHARACTERS.contains(c)) {
      return Optional.of(Problem.NONCHARACTER);
    }
    if (PRIVATE_USE.contains(c)) {
      return Optional.of(Problem.PRIVATE_USE);
    }
    if (UNASSIGNED.contains(c)) {
      return Optional.of(Problem.UNASSIGNED_CHARACTER);
    }
    return Optional.empty();
  }

  private static boolean isVisible(int c) {
    return VISIBLE.contains(c);
  }
}
