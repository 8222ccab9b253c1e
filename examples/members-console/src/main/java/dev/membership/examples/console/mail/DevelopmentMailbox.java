package dev.membership.examples.console.mail;

import dev.membership.domain.Notification;
import dev.membership.spi.NotificationSender;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link NotificationSender} that keeps e-mails in memory for the development mailbox page instead
 * of sending them: there is no SMTP server on a developer's machine. Delivery is idempotent by
 * {@link Notification#idempotencyKey()}, as a real mail provider's would be.
 */
public final class DevelopmentMailbox implements NotificationSender {
  private static final int KEEP = 500;
  private final Clock clock;
  private final List<DeliveredMail> mails = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  public DevelopmentMailbox(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void send(Notification notification) {
    if (!seen.add(notification.idempotencyKey())) {
      return;
    }
    MailContent content = MailContent.of(notification);
    mails.add(new DeliveredMail(notification.recipient().value(), content.subject(), content.body(), content.link(),
        clock.instant()));
    if (mails.size() > KEEP) {
      mails.removeFirst();
    }
  }

  /** Every e-mail kept, newest first. */
  public synchronized List<DeliveredMail> newestFirst() {
    List<DeliveredMail> copy = new ArrayList<>(mails);
    Collections.reverse(copy);
    return copy;
  }
}
