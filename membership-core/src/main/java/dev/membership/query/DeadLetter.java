package dev.membership.query;

import dev.membership.domain.Notification;
import java.time.Instant;
import java.util.Objects;

/**
 * A notification the outbox gave up on: every attempt to hand it to the sender failed, up to the
 * policy's maximum. It stays, link and all, until the host retries or discards it.
 *
 * @param notification what was to be delivered; its link (a secret) is redacted whenever printed
 * @param attempts how many attempts were made
 * @param lastError the class of the last failure, e.g. {@code java.io.IOException} (never its
 *     message, which could quote the link)
 * @param deadSince when the outbox gave up
 */
public record DeadLetter(Notification notification, int attempts, String lastError, Instant deadSince) {
  public DeadLetter {
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(deadSince, "deadSince");
  }
}
