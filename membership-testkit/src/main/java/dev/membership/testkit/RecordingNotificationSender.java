package dev.membership.testkit;

import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.spi.NotificationSender;
import dev.membership.Memberships;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mailbox for tests: records every notification the outbox delivers, in order, so a test can say
 * "the invitation e-mail was sent to ana@acme.test, with its link" (or the address-verification link
 * of a sign-up). It can also fail the next deliveries, to test retries. Every look waits first for
 * the deliveries after commit of the libraries it was told of ({@link #awaitingDeliveriesOf}).
 */
public final class RecordingNotificationSender implements NotificationSender {
  private final List<Notification> delivered = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresToCause = new AtomicInteger();
  /** The libraries whose deliveries after commit every look at the mailbox waits for. */
  private final List<Memberships> libraries = new CopyOnWriteArrayList<>();

  /**
   * From now on, every look at this mailbox first waits (up to 30 seconds) for the deliveries after
   * commit that {@code library} runs on its own thread ({@code outbox().awaitDeliveries}), so a test
   * reads the mail as soon as the command returns. {@link TestMembership} does it for its library.
   */
  public RecordingNotificationSender awaitingDeliveriesOf(Memberships library) {
    libraries.add(Objects.requireNonNull(library, "library"));
    return this;
  }

  /** Waits for the deliveries after commit of the libraries named by {@link #awaitingDeliveriesOf}. */
  public void awaitDeliveries() {
    for (Memberships library : libraries) {
      try {
        if (!library.outbox().awaitDeliveries(SETTLE)) {
          throw new AssertionError("the deliveries after commit did not finish within " + SETTLE);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the deliveries after commit", e);
      }
    }
  }

  private static final Duration SETTLE = Duration.ofSeconds(30);

  @Override
  public void send(Notification notification) {
    if (failuresToCause.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("simulated delivery failure");
    }
    delivered.add(notification);
  }

  /** Makes the next {@code count} deliveries fail. */
  public void failNext(int count) {
    failuresToCause.set(count);
  }

  /** Everything delivered, oldest first. */
  public List<Notification> delivered() {
    awaitDeliveries();
    return List.copyOf(delivered);
  }

  /** Everything delivered to this address (compared ignoring case), oldest first. */
  public List<Notification> deliveredTo(String email) {
    String address = email.strip().toLowerCase(Locale.ROOT);
    awaitDeliveries();
    return delivered.stream().filter(n -> n.recipient().value().equals(address)).toList();
  }

  /** Everything of this type delivered to this address, oldest first. */
  public List<Notification> deliveredTo(String email, NotificationType type) {
    return deliveredTo(email).stream().filter(n -> n.type() == type).toList();
  }

  /** The link of the newest invitation e-mail to this address. */
  public Optional<URI> lastInvitationLinkTo(String email) {
    List<Notification> invitations = deliveredTo(email, NotificationType.INVITATION);
    return invitations.isEmpty() ? Optional.empty() : invitations.get(invitations.size() - 1).link();
  }

  /**
   * The token of the newest invitation e-mail to this address: the last path segment of its link,
   * as {@link TestMembership}'s links are made.
   */
  public String lastInvitationTokenTo(String email) {
    URI link = lastInvitationLinkTo(email).orElseThrow(() -> new AssertionError("no invitation was sent to " + email));
    String path = link.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The link of the newest address-verification e-mail ({@code VERIFY_EMAIL}) to this address. */
  public Optional<URI> lastVerificationLinkTo(String email) {
    List<Notification> verifications = deliveredTo(email, NotificationType.VERIFY_EMAIL);
    return verifications.isEmpty() ? Optional.empty() : verifications.get(verifications.size() - 1).link();
  }

  /**
   * The token of the newest address-verification e-mail to this address: the last path segment of its
   * link, as {@link TestMembership}'s links are made.
   */
  public String lastVerificationTokenTo(String email) {
    URI link = lastVerificationLinkTo(email).orElseThrow(() -> new AssertionError(
        "no address-verification e-mail was sent to " + email + " (has it an account already?)"));
    String path = link.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Forgets everything delivered so far. */
  public void clear() {
    awaitDeliveries();
    delivered.clear();
  }
}
