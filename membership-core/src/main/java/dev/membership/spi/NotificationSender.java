package dev.membership.spi;

import dev.membership.domain.Notification;

/**
 * Delivers a notification, usually as an e-mail. Called only after the change that caused it
 * committed, at least once: pass {@link Notification#idempotencyKey()} to the mail provider so a
 * repeated call sends one message. Throw to have the outbox retry later with backoff.
 */
@FunctionalInterface
public interface NotificationSender {
  void send(Notification notification) throws Exception;
}
