package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a role: {@code owner}, {@code admin} and {@code member} for the built-in roles,
 * {@code role-<uuid>} for an organisation's custom roles.
 */
public record RoleId(String value) implements Comparable<RoleId> {
  /** The custom roles' prefix. */
  private static final String CUSTOM_PREFIX = "role-";

  public RoleId {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("not a role id: " + value);
    }
  }

  /**
   * Whether {@code value} is {@code owner}, {@code admin}, {@code member} or {@code role-} and 36 of
   * {@code [0-9a-f-]}, checked by hand: ids are made for every row read, and a regular expression
   * would make a matcher for each.
   */
  private static boolean isWellFormed(String value) {
    if (value.equals("owner") || value.equals("admin") || value.equals("member")) {
      return true;
    }
    if (value.length() != CUSTOM_PREFIX.length() + 36 || !value.startsWith(CUSTOM_PREFIX)) {
      return false;
    }
    for (int i = CUSTOM_PREFIX.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** A new id for a custom role. */
  public static RoleId newCustom() {
    return new RoleId("role-" + Ids.newUuid());
  }

  /**
   * Parses an id, e.g. from a form.
   *
   * @throws InvalidInputException with field {@code role} if it is not one
   */
  public static RoleId of(String value) {
    try {
      return new RoleId(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InvalidInputException.of("role", "malformed", "is not a valid role");
    }
  }

  /** Whether this names one of the built-in roles. */
  public boolean isBuiltIn() {
    return !value.startsWith(CUSTOM_PREFIX);
  }

  @Override
  public int compareTo(RoleId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
