package dev.membership.error;

import java.util.List;

/** The acting account may not do this here, or doing it would grant more than it holds. */
public final class PermissionDeniedException extends MembershipException {
  public PermissionDeniedException(String message) {
    super(ErrorCode.PERMISSION_DENIED, message, List.of());
  }
}
