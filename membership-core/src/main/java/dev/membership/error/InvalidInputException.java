package dev.membership.error;

import java.util.List;
import java.util.stream.Collectors;

/** A command's input broke a rule; nothing was written. Always {@link ErrorCode#INVALID_INPUT}. */
public final class InvalidInputException extends MembershipException {
  public InvalidInputException(List<FieldViolation> fields) {
    super(ErrorCode.INVALID_INPUT, describe(fields), fields);
  }

  /** One field at fault. */
  public static InvalidInputException of(String field, String code, String message) {
    return new InvalidInputException(List.of(new FieldViolation(field, code, message)));
  }

  private static String describe(List<FieldViolation> fields) {
    return "Invalid input: "
        + fields.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
  }
}
