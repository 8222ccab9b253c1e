package dev.membership.error;

import java.util.List;

/** A password given to prove who someone is was wrong. Says no more than that, on purpose. */
public final class InvalidCredentialsException extends MembershipException {
  public InvalidCredentialsException() {
    super(ErrorCode.INVALID_CREDENTIALS, "The e-mail address or password is not correct.", List.of());
  }
}
