package dev.membership;

import dev.membership.internal.Context;

/**
 * The notification outbox. By default every command delivers its notifications right after it
 * commits; failed deliveries wait with backoff. Call {@link #deliverDue()} on a schedule (e.g. every
 * minute) to retry them, or for everything when the builder turned delivery after commit off.
 */
public final class Outbox {
  private final Context context;

  Outbox(Context context) {
    this.context = context;
  }

  /** Hands every due notification to the sender; returns how many were delivered. */
  public int deliverDue() {
    return context.outbox.deliverDue();
  }
}
