package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.AuditStore} (and the outbox rows written beside it): audit events and notifications read back exactly as written. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class AuditStoreContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

  @Test
  void audit_events_and_notifications_read_back_as_written() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    AuditEvent detailed = new AuditEvent(AuditEventId.random(), acme.id(), owner.id(), AuditAction.ROLE_CHANGED,
        Optional.empty(), "Billing", MS, Map.of("from", "Billing", "permissions", "[VIEW_MEMBERS]", "empty", ""));
    AuditEvent bare = new AuditEvent(AuditEventId.random(), acme.id(), owner.id(), AuditAction.MEMBER_LEFT,
        Optional.of(owner.id()), "owner@acme.test", MS.plusMillis(1), Map.of());
    Notification linked = newNotification(acme.id(), "ana@acme.test", MS);
    Notification plain = new Notification(NotificationId.random(), NotificationType.JOIN_REQUEST_RECEIVED, Optional.of(acme.id()),
        EmailAddress.of("owner@acme.test"), Map.of(), Optional.empty(), MS.plusMillis(1));
    inTx(tx -> {
      tx.audit().append(detailed);
      tx.audit().append(bare);
      tx.outbox().enqueue(linked);
      tx.outbox().enqueue(plain);
    });

    assertThat(list(tx -> tx.audit().page(acme.id(), PageRequest.first()).items())).containsExactly(bare, detailed);
    assertThat(dueAt(MS.plusSeconds(1))).extracting(ClaimedNotification::notification).containsExactly(linked, plain);
    assertThat(linked.link()).contains(URI.create("https://app.test/invitations/secret-ana@acme.test"));
  }

  @Test
  void a_notification_about_an_address_alone_reads_back_without_an_organisation() {
    Notification verify = new Notification(NotificationId.random(), NotificationType.VERIFY_EMAIL, Optional.empty(),
        EmailAddress.of("new@mail.test"), Map.of("expiresAt", MS.toString()),
        Optional.of(URI.create("https://app.test/verify/secret-new")), MS);
    Notification noted = new Notification(NotificationId.random(), NotificationType.SIGN_UP_ATTEMPTED, Optional.empty(),
        EmailAddress.of("owner@mail.test"), Map.of("attemptedAt", MS.toString()), Optional.empty(), MS.plusMillis(1));
    inTx(tx -> {
      tx.outbox().enqueue(verify);
      tx.outbox().enqueue(noted);
    });

    assertThat(dueAt(MS.plusSeconds(1))).extracting(ClaimedNotification::notification).containsExactly(verify, noted);
  }
}
