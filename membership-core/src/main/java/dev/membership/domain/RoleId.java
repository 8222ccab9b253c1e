package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.UUID;

/**
 * Identifies a role: {@code owner}, {@code admin} and {@code member} for the built-in roles,
 * {@code role-<uuid>} for an organisation's custom roles.
 */
public record RoleId(String value) implements Comparable<RoleId> {
  /** Compiled once: ids are made for every row read. */
  private static final Pattern FORM = Pattern.compile("owner|admin|member|role-[0-9a-f-]{36}");

  public RoleId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not a role id: " + value);
    }
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
    return !value.startsWith("role-");
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
