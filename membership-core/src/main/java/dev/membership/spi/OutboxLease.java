package dev.membership.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A dispatcher's hold on the notifications it claimed: until {@link #until()} no other dispatcher
 * claims them, and only the holder of {@link #id()} records their failures. A dispatcher that dies
 * holding a lease leaves its notifications due again once the lease ends.
 *
 * @param id identifies this claim; compared for equality only
 * @param until when the claimed notifications become due again unless their outcome was recorded
 */
public record OutboxLease(UUID id, Instant until) {
  public OutboxLease {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(until, "until");
  }

  /** A new lease, held until {@code until}. */
  public static OutboxLease until(Instant until) {
    return new OutboxLease(UUID.randomUUID(), until);
  }
}
