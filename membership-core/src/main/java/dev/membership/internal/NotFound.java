package dev.membership.internal;

import dev.membership.error.ErrorCode;
import dev.membership.error.NotFoundException;

/** The library's not-found errors, each built here only, so that its code and sentence stay one. */
public final class NotFound {
  private NotFound() {}

  public static NotFoundException account() {
    return new NotFoundException(ErrorCode.ACCOUNT_NOT_FOUND, "There is no such account.");
  }

  public static NotFoundException organisation() {
    return new NotFoundException(ErrorCode.ORGANISATION_NOT_FOUND, "There is no such organisation.");
  }

  public static NotFoundException member() {
    return new NotFoundException(ErrorCode.MEMBER_NOT_FOUND, "There is no such member in this organisation.");
  }

  public static NotFoundException role() {
    return new NotFoundException(ErrorCode.ROLE_NOT_FOUND, "There is no such role in this organisation.");
  }

  public static NotFoundException entitlement() {
    return new NotFoundException(ErrorCode.ENTITLEMENT_NOT_FOUND, "There is no such entitlement.");
  }

  public static NotFoundException invitation() {
    return new NotFoundException(ErrorCode.INVITATION_NOT_FOUND, "There is no such invitation.");
  }

  public static NotFoundException joinRequest() {
    return new NotFoundException(ErrorCode.JOIN_REQUEST_NOT_FOUND, "There is no such join request.");
  }
}
