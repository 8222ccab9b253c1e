package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a client an application is used with, compared as the product numbers it, never as
 * text: year and release ({@code 2025.4}) or a semantic version ({@code 1.2.3}, {@code 1.2.3-beta.2},
 * build metadata after {@code +} ignored). Numbers compare numerically ({@code 2025.10} is after
 * {@code 2025.9}); a missing part counts as 0; a pre-release comes before its release and pre-release
 * identifiers compare as semantic versioning says (numeric ones numerically, below alphanumeric ones).
 *
 * <p>The <em>line</em> of a version is its first number: the year of {@code 2025.4}, the major of
 * {@code 1.2.3}. A {@link ClientPolicy} names the minimum per line.
 *
 * @param numbers the two or three numbers, e.g. {@code [2025, 4]}
 * @param preRelease the pre-release identifiers, e.g. {@code [beta, 2]}; empty for a release
 */
public record ClientVersion(List<Long> numbers, List<String> preRelease) implements Comparable<ClientVersion> {
  /** Longer than any version a product prints; a longer text is not one. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern FORM = Pattern.compile(
      "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(?:\\.(0|[1-9]\\d{0,8}))?"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  public ClientVersion {
    numbers = List.copyOf(numbers);
    preRelease = List.copyOf(preRelease);
    if (numbers.size() < 2 || numbers.size() > 3 || numbers.stream().anyMatch(n -> n < 0)) {
      throw new IllegalArgumentException("a version has two or three non-negative numbers");
    }
  }

  /**
   * Parses a version as a client reports it, e.g. {@code 2025.4} or {@code 1.2.3-rc.1}.
   *
   * @throws InvalidInputException with field {@code clientVersion}, code {@code not_a_version}
   */
  public static ClientVersion parse(String text) {
    return parse(text, "clientVersion");
  }

  /**
   * Parses a version; a malformed one is refused naming {@code field}.
   *
   * @throws InvalidInputException with that field, code {@code not_a_version}
   */
  public static ClientVersion parse(String text, String field) {
    Objects.requireNonNull(field, "field");
    if (text == null || text.length() > MAX_LENGTH) {
      throw notAVersion(field);
    }
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw notAVersion(field);
    }
    List<Long> numbers = new ArrayList<>(3);
    numbers.add(Long.parseLong(m.group(1)));
    numbers.add(Long.parseLong(m.group(2)));
    if (m.group(3) != null) {
      numbers.add(Long.parseLong(m.group(3)));
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
    for (String id : pre) {
      if (id.length() > 1 && id.charAt(0) == '0' && id.chars().allMatch(Character::isDigit)) {
        throw notAVersion(field);
      }
    }
    return new ClientVersion(numbers, pre);
  }

  private static InvalidInputException notAVersion(String field) {
    return InvalidInputException.of(field, "not_a_version",
        "must be a version such as 2025.4 or 1.2.3 (at most " + MAX_LENGTH + " characters)");
  }

  /** The first number: the year of {@code 2025.4}, the major of {@code 1.2.3}. */
  public long line() {
    return numbers.get(0);
  }

  /** Whether this is a pre-release ({@code 1.2.3-beta}). */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  /** Whether this version is the same as or later than {@code other}. */
  public boolean isAtLeast(ClientVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(ClientVersion other) {
    for (int i = 0; i < 3; i++) {
      long a = i < numbers.size() ? numbers.get(i) : 0;
      long b = i < other.numbers.size() ? other.numbers.get(i) : 0;
      if (a != b) {
        return Long.compare(a, b);
      }
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), other.preRelease.size()); i++) {
      int c = compareIdentifier(preRelease.get(i), other.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), other.preRelease.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean numericA = a.chars().allMatch(Character::isDigit);
    boolean numericB = b.chars().allMatch(Character::isDigit);
    if (numericA && numericB) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** The version as the product prints it, without build metadata: {@code 2025.4}, {@code 1.2.3-rc.1}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < numbers.size(); i++) {
      text.append(i == 0 ? "" : ".").append(numbers.get(i));
    }
    if (!preRelease.isEmpty()) {
      text.append('-').append(String.join(".", preRelease));
    }
    return text.toString();
  }
}
