package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.Suspension;
import dev.membership.domain.TokenHash;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Port level: every row reads back exactly as it was written, every optional field both present and
 * absent, with instants of millisecond precision (a column that keeps only seconds fails here).
 */
public abstract class RoundTripContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

  @Test
  void an_organisation_reads_back_as_written_also_once_deleted() {
    Organisation acme = new Organisation(OrganisationId.random(), "Acme Corporation",
        OrganisationStatus.ACTIVE, MS, 0);
    inTx(tx -> tx.organisations().insert(acme));
    Organisation deleted = tx(tx -> tx.organisations().update(acme.delete()));

    assertThat(find(tx -> tx.organisations().find(acme.id()))).contains(deleted);
    assertThat(find(tx -> tx.organisations().lock(acme.id()))).contains(deleted);
    assertThat(deleted.status()).isEqualTo(OrganisationStatus.DELETED);
    assertThat(find(tx -> tx.organisations().find(OrganisationId.random()))).isEmpty();
  }

  @Test
  void an_account_reads_back_as_written_with_every_optional_field_present() {
    Organisation acme = organisation("acme");
    Account bo = new Account(AccountId.random(), EmailAddress.of("bo@acme.test"), "Bo Ek", new PasswordHash("$x$hash"),
        CredentialState.TEMPORARY, Optional.of(MS.plusSeconds(604_800)), Optional.of(acme.id()), Optional.of(MS.plusMillis(5)),
        MS, 0);
    Account plain = newAccount("plain@x.test");
    inTx(tx -> {
      tx.accounts().insert(bo);
      tx.accounts().insert(plain);
    });

    assertThat(find(tx -> tx.accounts().find(bo.id()))).contains(bo);
    assertThat(find(tx -> tx.accounts().find(plain.id()))).contains(plain);
    assertThat(list(tx -> tx.accounts().findAll(List.of(bo.id(), plain.id(), bo.id(), AccountId.random()))))
        .containsExactlyInAnyOrder(bo, plain);
    assertThat(list(tx -> tx.accounts().findAll(List.of()))).isEmpty();
  }

  @Test
  void an_account_update_keeps_every_field() {
    Account alice = account("alice@x.test");
    Account changed = alice.withTemporaryPassword(new PasswordHash("$x$temp"), MS).signedInAt(MS.plusMillis(1))
        .withDisplayName("Alice B");

    Account stored = tx(tx -> tx.accounts().update(changed));

    assertThat(find(tx -> tx.accounts().find(alice.id()))).contains(stored);
    assertThat(stored.temporaryPasswordExpiresAt()).contains(MS);
    assertThat(stored.lastSignInAt()).contains(MS.plusMillis(1));
    assertThat(stored.displayName()).isEqualTo("Alice B");
  }

  @Test
  void a_membership_reads_back_with_its_grants_and_suspension() {
    Organisation acme = organisation("acme");
    entitlement(acme, "analytics", Optional.empty());
    entitlement(acme, "crm", Optional.of(3));
    Role support = customRole(acme, "Support", Permission.VIEW_MEMBERS);
    Account alice = account("alice@x.test");
    Membership active = new Membership(MembershipId.random(), acme.id(), alice.id(), support.id(),
        keys("analytics", "crm"), MembershipStatus.ACTIVE, MembershipOrigin.JOIN_REQUEST, Optional.empty(), MS, MS, 0);
    inTx(tx -> tx.memberships().insert(active));
    assertThat(find(tx -> tx.memberships().find(acme.id(), active.id()))).contains(active);

    Membership deactivated = tx(tx -> tx.memberships().update(active.deactivate(MS.plusMillis(7))));

    assertThat(find(tx -> tx.memberships().find(acme.id(), active.id()))).contains(deactivated);
    assertThat(find(tx -> tx.memberships().findLive(acme.id(), alice.id()))).contains(deactivated);
    assertThat(deactivated.roleId()).isEqualTo(support.id());
    assertThat(deactivated.suspension()).contains(new Suspension(keys("analytics", "crm"), MS.plusMillis(7)));
    assertThat(deactivated.grants()).isEmpty();
    Membership back = tx(tx -> tx.memberships().update(deactivated.reactivate(MS.plusMillis(9))));
    assertThat(find(tx -> tx.memberships().find(acme.id(), active.id()))).contains(back);
    assertThat(back.grants()).isEqualTo(keys("analytics", "crm"));
  }

  @Test
  void an_invitation_reads_back_as_written_through_each_of_its_states() {
    Organisation acme = organisation("acme");
    entitlement(acme, "analytics", Optional.empty());
    Account owner = account("owner@acme.test");
    Account pat = account("pat@x.test");
    JoinRequest request = newJoinRequest(acme, pat, MS);
    inTx(tx -> tx.joinRequests().insert(request));
    Invitation pending = new Invitation(InvitationId.random(), acme.id(), pat.email(), Role.ADMIN.id(), keys("analytics"),
        InvitationStatus.PENDING, TokenHash.of("round-trip"), MS.plusSeconds(3600), owner.id(), Optional.of(request.id()), 1,
        MS, MS, Optional.empty(), 0);
    inTx(tx -> tx.invitations().insert(pending));
    assertThat(find(tx -> tx.invitations().find(acme.id(), pending.id()))).contains(pending);
    assertThat(find(tx -> tx.invitations().findByTokenHash(TokenHash.of("round-trip")))).contains(pending);

    Invitation resent = tx(tx -> tx.invitations().update(pending.resend(TokenHash.of("round-trip-2"), MS.plusSeconds(7200), pending.invitedBy(),
        MS.plusMillis(50))));
    Invitation accepted = tx(tx -> tx.invitations().update(resent.accept(pat.id(), MS.plusMillis(60))));

    assertThat(resent.sendCount()).isEqualTo(2);
    assertThat(find(tx -> tx.invitations().find(acme.id(), pending.id()))).contains(accepted);
    assertThat(find(tx -> tx.invitations().findByTokenHash(TokenHash.of("round-trip-2")))).contains(accepted);
    assertThat(find(tx -> tx.invitations().findPending(acme.id(), pat.email()))).isEmpty();
    assertThat(accepted.acceptedBy()).contains(pat.id());
  }

  @Test
  void a_join_request_reads_back_as_written_with_and_without_a_message() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    JoinRequest withMessage = new JoinRequest(JoinRequestId.random(), acme.id(), account("pat@x.test").id(),
        Optional.of("Hello, I'm in sales — \"ünïcödé\" too"), JoinRequestStatus.PENDING, MS, Optional.empty(),
        Optional.empty(), 0);
    JoinRequest silent = JoinRequest.open(acme.id(), account("sam@x.test").id(), Optional.empty(), MS);
    inTx(tx -> {
      tx.joinRequests().insert(withMessage);
      tx.joinRequests().insert(silent);
    });
    assertThat(find(tx -> tx.joinRequests().find(withMessage.id()))).contains(withMessage);
    assertThat(find(tx -> tx.joinRequests().find(silent.id()))).contains(silent);

    JoinRequest approved = tx(tx -> tx.joinRequests().update(withMessage.approve(owner.id(), MS.plusMillis(3))));

    assertThat(find(tx -> tx.joinRequests().find(withMessage.id()))).contains(approved);
    assertThat(approved.decidedBy()).contains(owner.id());
    assertThat(approved.decidedAt()).contains(MS.plusMillis(3));
  }

  @Test
  void roles_and_entitlements_read_back_as_written() {
    Organisation acme = organisation("acme");
    Role none = Role.custom(acme.id(), "Nobody", Set.of());
    Role all = Role.custom(acme.id(), "Everything", Set.of(Permission.values()));
    Entitlement trial = new Entitlement(acme.id(), EntitlementKey.of("crm.pro-trial_2"), "CRM Pro trial", Optional.of(7),
        Optional.of(MS.plusSeconds(86_400)), 0);
    Entitlement unlimited = new Entitlement(acme.id(), EntitlementKey.of("analytics"), "Analytics", Optional.empty(),
        Optional.empty(), 0);
    inTx(tx -> {
      tx.roles().insert(none);
      tx.roles().insert(all);
      tx.entitlements().insert(trial);
      tx.entitlements().insert(unlimited);
    });

    assertThat(find(tx -> tx.roles().find(acme.id(), none.id()))).contains(none);
    assertThat(find(tx -> tx.roles().find(acme.id(), all.id()))).contains(all);
    assertThat(find(tx -> tx.roles().find(acme.id(), Role.OWNER.id()))).contains(Role.OWNER);
    assertThat(list(tx -> tx.roles().list(acme.id()))).containsExactly(Role.OWNER, Role.ADMIN, Role.MEMBER, all, none);
    assertThat(list(tx -> tx.entitlements().list(acme.id()))).containsExactly(unlimited, trial);
    Role renamed = tx(tx -> tx.roles().update(none.withDefinition("Viewer", Set.of(Permission.VIEW_MEMBERS))));
    assertThat(find(tx -> tx.roles().find(acme.id(), none.id()))).contains(renamed);
    inTx(tx -> tx.roles().delete(acme.id(), all.id()));
    assertThat(find(tx -> tx.roles().find(acme.id(), all.id()))).isEmpty();
  }

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
