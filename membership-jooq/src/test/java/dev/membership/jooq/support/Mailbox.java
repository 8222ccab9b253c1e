package dev.membership.jooq.support;

import dev.membership.Memberships;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The notifications libraries built by {@link #library} send, kept so a test can follow their links:
 * sign an account up ({@link #register}) or accept an invitation ({@link #tokenTo}).
 */
public final class Mailbox {
  public static final String PASSWORD = "correct horse battery staple";

  private final ConcurrentLinkedQueue<Notification> delivered = new ConcurrentLinkedQueue<>();

  /** A library on {@code store} that delivers only when asked ({@code outbox().deliverDue()}), into this mailbox. */
  public Memberships library(MembershipStore store) {
    return Memberships.builder()
        .store(store)
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
        .notifications(delivered::add)
        .deliverNotificationsAfterCommit(false)
        .build();
  }

  /** Signs {@code email} up through {@code library} and verifies it with the link it was sent. */
  public AccountId register(Memberships library, String email) {
    library.accounts().register(Registration.of(email, email.substring(0, email.indexOf('@')), PASSWORD));
    library.outbox().deliverDue();
    return library.accounts().verifyEmail(tokenTo(email, NotificationType.VERIFY_EMAIL), Password.of(PASSWORD)).id();
  }

  /** The token of the last link of {@code type} sent to {@code email}. */
  public String tokenTo(String email, NotificationType type) {
    List<Notification> sent = delivered.stream()
        .filter(n -> n.type() == type && n.recipient().value().equals(email)).toList();
    URI link = sent.get(sent.size() - 1).link().orElseThrow();
    return link.getPath().substring(link.getPath().lastIndexOf('/') + 1);
  }
}
