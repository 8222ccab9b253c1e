package dev.membership.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * "Invite many": several invitations in one call, each with its own address, role and access (a CSV
 * upload, a pasted list). At most {@code MembershipPolicy.bulkInvitationLimit()} of them.
 *
 * @param invitations the invitations, in the order their outcomes are reported
 * @param mode whether each invitation stands on its own or all are sent only if none is refused
 */
public record BulkInvite(List<Invite> invitations, Mode mode) {

  /** How the invitations of one call relate to each other. */
  public enum Mode {
    /**
     * Each invitation in its own transaction: one refused (already a member, seats taken...) changes
     * nothing for the others.
     */
    EACH_ON_ITS_OWN,
    /** One transaction: if any invitation is refused, none is sent and nothing is written. */
    ALL_OR_NOTHING,
  }

  public BulkInvite {
    Objects.requireNonNull(mode, "mode");
    // Null entries are kept, to be refused at their own position.
    invitations = invitations == null ? null : Collections.unmodifiableList(new ArrayList<>(invitations));
  }

  /** Each invitation on its own ({@link Mode#EACH_ON_ITS_OWN}). */
  public static BulkInvite each(List<Invite> invitations) {
    return new BulkInvite(invitations, Mode.EACH_ON_ITS_OWN);
  }

  /** All of them or none ({@link Mode#ALL_OR_NOTHING}). */
  public static BulkInvite allOrNothing(List<Invite> invitations) {
    return new BulkInvite(invitations, Mode.ALL_OR_NOTHING);
  }
}
