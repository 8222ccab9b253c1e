package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names an entitlement within an organisation, e.g. {@code analytics} or {@code crm.pro}: lower-case
 * letters, digits, dots, dashes and underscores, 1 to 64 characters, starting with a letter or digit.
 */
public record EntitlementKey(String value) implements Comparable<EntitlementKey> {
  /** Compiled once: keys are made for every row read. */
  private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public EntitlementKey {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw InvalidInputException.of(
          "entitlement", "not_a_key", "must be 1 to 64 lower-case letters, digits, '.', '-' or '_'");
    }
  }

  public static EntitlementKey of(String value) {
    return new EntitlementKey(value);
  }

  @Override
  public int compareTo(EntitlementKey other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
