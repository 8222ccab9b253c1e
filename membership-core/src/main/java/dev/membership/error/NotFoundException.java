package dev.membership.error;

import java.util.List;

/**
 * The thing named does not exist in the organisation the call is about. A thing of another
 * organisation is reported exactly like one that does not exist.
 */
public final class NotFoundException extends MembershipException {
  public NotFoundException(ErrorCode code, String message) {
    super(code, message, List.of());
  }
}
