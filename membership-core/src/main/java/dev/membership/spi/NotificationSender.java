package dev.membership.spi;

import dev.membership.domain.Notification;

/**
 * Delivers a notification, usually as an e-mail. Called only after the change that caused it
 * committed, at least once, outside any transaction of the library and without holding one of its
 * connections (so it may take its time, or use the store itself): pass {@link
 * Notification#idempotencyKey()} to the mail provider so a repeated call sends one message. Throw
 * anything to have the outbox retry later with backoff; it fails that notification only, and after
 * the policy's maximum of attempts the notification becomes a dead letter the host can retry. Keep a
 * call shorter than the outbox's lease (10 minutes by default), e.g. with the mail client's timeouts.
 */
@FunctionalInterface
public interface NotificationSender {
  void send(Notification notification) throws Exception;
}
