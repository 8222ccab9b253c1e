package dev.membership.error;

import java.util.List;

/**
 * Somebody changed the same record first (its optimistic version moved on). Nothing of this command
 * was written; read again and retry if it still makes sense.
 */
public final class ConcurrentModificationException extends MembershipException {
  public ConcurrentModificationException(String what) {
    super(ErrorCode.CONCURRENT_MODIFICATION, what + " was changed by someone else; nothing was written.", List.of());
  }
}
