package dev.membership.internal;

import dev.membership.domain.Role;
import dev.membership.error.PermissionDeniedException;

/** The no-escalation rules: nobody hands out or touches more power than they hold. */
public final class Guard {
  private Guard() {}

  /** An actor may give a role only if it holds every permission of it; only owners make owners. */
  public static void mayGrant(Role actorRole, Role granted) {
    if (granted.isOwner() && !actorRole.isOwner()) {
      throw new PermissionDeniedException("Only an owner can make someone an owner.");
    }
    if (!actorRole.covers(granted)) {
      throw new PermissionDeniedException("You cannot give the role " + granted.name() + ": it allows more than yours.");
    }
  }

  /** Whether {@link #mayGrant} would let {@code actorRole} give {@code granted}. */
  public static boolean canGrant(Role actorRole, Role granted) {
    return (!granted.isOwner() || actorRole.isOwner()) && actorRole.covers(granted);
  }

  /**
   * An actor may change a member only if it holds every permission the member holds; only owners
   * change owners.
   */
  public static void mayManage(Role actorRole, Role targetRole) {
    if (targetRole.isOwner() && !actorRole.isOwner()) {
      throw new PermissionDeniedException("Only an owner can change an owner.");
    }
    if (!actorRole.covers(targetRole)) {
      throw new PermissionDeniedException("You cannot change a member whose role allows more than yours.");
    }
  }
}
