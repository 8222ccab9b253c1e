package dev.membership.error;

import java.util.List;

/**
 * The acting account may not do this here, or doing it would grant more than it holds
 * ({@link ErrorCode#PERMISSION_DENIED}); or it must first replace a temporary password
 * ({@link ErrorCode#PASSWORD_CHANGE_REQUIRED}).
 */
public final class PermissionDeniedException extends MembershipException {
  public PermissionDeniedException(String message) {
    super(ErrorCode.PERMISSION_DENIED, message, List.of());
  }

  private PermissionDeniedException(ErrorCode code, String message) {
    super(code, message, List.of());
  }

  /** The account is on a temporary password and may only change it. */
  public static PermissionDeniedException passwordChangeRequired() {
    return new PermissionDeniedException(ErrorCode.PASSWORD_CHANGE_REQUIRED,
        "Choose your own password first: a temporary password only lets you change it.");
  }
}
