package dev.membership.error;

import java.util.List;
import java.util.Objects;

/**
 * The root of every error the library raises on purpose. Each carries a stable {@link ErrorCode}
 * and, for bad input, the fields at fault. Messages never contain passwords or tokens.
 */
public abstract sealed class MembershipException extends RuntimeException
    permits InvalidInputException,
        PermissionDeniedException,
        NotFoundException,
        ConflictException,
        ConcurrentModificationException,
        IllegalStateTransitionException,
        InvalidCredentialsException,
        ThrottledException {

  private final ErrorCode code;
  private final List<FieldViolation> fields;

  MembershipException(ErrorCode code, String message, List<FieldViolation> fields) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.fields = List.copyOf(fields);
  }

  /** The stable code of this error. */
  public ErrorCode code() {
    return code;
  }

  /** The fields at fault; empty when the error is not about input. */
  public List<FieldViolation> fields() {
    return fields;
  }
}
