package dev.membership;

/**
 * What one {@link Retention#purge()} deleted.
 *
 * @param deliveredNotifications delivered notifications past {@code OutboxPolicy.deliveredRetention}
 * @param answeredJoinRequests join requests approved, denied or withdrawn past their retention
 * @param endedInvitations invitations cancelled, or expired, past their retention
 * @param moreWaiting whether the call stopped at its bound with more past retention: call again
 */
public record PurgeCounts(int deliveredNotifications, int answeredJoinRequests, int endedInvitations,
    boolean moreWaiting) {

  /** Everything deleted. */
  public int total() {
    return deliveredNotifications + answeredJoinRequests + endedInvitations;
  }
}
