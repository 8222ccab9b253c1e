package dev.membership.query;

/**
 * How many members and pending invitations an organisation has, by status: what a members page shows
 * as "Members (N)" and on its tabs. Kept by the store in the same transaction as every change of a
 * membership's or invitation's status, so reading it costs one indexed read whatever the size.
 *
 * <p>The counts follow statuses, not badges that depend on the clock or on sign-ins: {@code active}
 * includes members an admin created who have not signed in yet (badge {@code CREATED_BY_ADMIN}), and
 * {@code invited} includes invitations past their expiry that nobody resent or cancelled (badge
 * {@code EXPIRED}), as the members page lists both among its rows.
 *
 * @param active active members
 * @param deactivated deactivated members
 * @param removed removed members (history)
 * @param invited invitations still pending (open or past their expiry)
 */
public record MemberCounts(long active, long deactivated, long removed, long invited) {
  public MemberCounts {
    if (active < 0 || deactivated < 0 || removed < 0 || invited < 0) {
      throw new IllegalArgumentException("a count is never negative");
    }
  }

  /** No member, no invitation. */
  public static MemberCounts none() {
    return new MemberCounts(0, 0, 0, 0);
  }

  /** The members of the organisation: active and deactivated ("Members (N)"). */
  public long members() {
    return active + deactivated;
  }

  /** Every row the members page lists by default: members and pending invitations, not the removed. */
  public long listed() {
    return active + deactivated + invited;
  }
}
