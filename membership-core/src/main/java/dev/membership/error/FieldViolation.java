package dev.membership.error;

import java.util.Objects;

/**
 * One field at fault in a command's input.
 *
 * @param field the path of the field, e.g. {@code email} or {@code password}
 * @param code a stable machine-readable reason, e.g. {@code too_short}, {@code not_an_email}
 * @param message a sentence for a person; it never repeats the rejected value
 */
public record FieldViolation(String field, String code, String message) {
  public FieldViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
