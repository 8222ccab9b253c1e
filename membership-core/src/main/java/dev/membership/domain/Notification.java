package dev.membership.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message for the host to deliver (usually an e-mail), written to the outbox in the same
 * transaction as the change that caused it and handed over only after that change committed.
 *
 * @param id its id; {@link #idempotencyKey()} is derived from it
 * @param type what it says
 * @param organisationId the organisation it is about; empty for a message about an address alone (the
 *     sign-up e-mails {@link NotificationType#VERIFY_EMAIL} and {@link NotificationType#SIGN_UP_ATTEMPTED})
 * @param recipient who receives it
 * @param data what the template needs, by key: organisationName, inviterName, roleName, ...
 * @param link the invitation or address-verification link, whose token is a secret: redacted when
 *     printed, and erased from the outbox once delivered
 * @param createdAt when it was written
 */
public record Notification(
    NotificationId id,
    NotificationType type,
    Optional<OrganisationId> organisationId,
    EmailAddress recipient,
    Map<String, String> data,
    Optional<URI> link,
    Instant createdAt) {

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(recipient, "recipient");
    data = Map.copyOf(data);
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A stable key the host passes to its mail provider, so a repeated delivery sends one e-mail. */
  public String idempotencyKey() {
    return "membership-notification-" + id;
  }

  /** One value of {@link #data()}, or an empty string. */
  public String get(String key) {
    return data.getOrDefault(key, "");
  }

  /** The same notification without its secret link, as the outbox keeps it after delivery. */
  public Notification withoutLink() {
    return new Notification(id, type, organisationId, recipient, data, Optional.empty(), createdAt);
  }

  @Override
  public String toString() {
    return "Notification[id=" + id + ", type=" + type + ", organisationId=" + organisationId + ", recipient="
        + recipient + ", data=" + data + ", link=" + (link.isPresent() ? "[redacted]" : "none") + ", createdAt="
        + createdAt + "]";
  }
}
