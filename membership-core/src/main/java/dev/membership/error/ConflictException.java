package dev.membership.error;

import java.util.List;

/** The command is well formed but conflicts with the current state (a rule of the domain). */
public final class ConflictException extends MembershipException {
  public ConflictException(ErrorCode code, String message) {
    super(code, message, List.of());
  }

  public ConflictException(ErrorCode code, String message, List<FieldViolation> fields) {
    super(code, message, fields);
  }
}
