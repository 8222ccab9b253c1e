package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.domain.Account;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ErrorCode;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.OutboxLease;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Port level: optimistic versions (a stale update fails and writes nothing) and atomicity (a unit of
 * work that throws leaves no trace in any table, audit log and outbox included).
 */
public abstract class TransactionsContract extends StoreContractSupport {

  @Test
  void an_update_stores_the_value_with_the_next_version() {
    Organisation acme = organisation("acme");

    Organisation renamed = tx(tx -> tx.organisations().update(acme.rename("acme corp")));

    assertThat(renamed.version()).isEqualTo(acme.version() + 1);
    assertThat(find(tx -> tx.organisations().find(acme.id()))).contains(renamed);
  }

  @Test
  void a_stale_organisation_update_fails_with_concurrent_modification_and_writes_nothing() {
    Organisation acme = organisation("acme");
    Organisation first = tx(tx -> tx.organisations().update(acme.rename("first")));

    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.organisations().update(acme.rename("second"))));

    assertThat(find(tx -> tx.organisations().find(acme.id()))).contains(first);
  }

  @Test
  void a_stale_membership_update_fails_and_the_first_change_stays() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@acme.test");
    Membership seen = member(acme, alice, Role.MEMBER);
    Membership promoted = tx(tx -> tx.memberships().update(seen.withRole(Role.ADMIN.id(), at(10))));

    assertThatThrownBy(() -> inTx(tx -> tx.memberships().update(seen.deactivate(at(20)))))
        .isInstanceOf(ConcurrentModificationException.class);

    assertThat(find(tx -> tx.memberships().find(acme.id(), seen.id()))).contains(promoted);
  }

  @Test
  void a_stale_update_of_every_versioned_row_fails_with_concurrent_modification() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Role billing = customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Entitlement analytics = entitlement(acme, "analytics", Optional.empty());
    Invitation invitation = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);
    JoinRequest request = newJoinRequest(acme, owner, at(0));
    inTx(tx -> tx.joinRequests().insert(request));

    inTx(tx -> {
      tx.accounts().update(owner.withDisplayName("Olga"));
      tx.roles().update(billing.withDefinition("Billing team", billing.permissions()));
      tx.entitlements().update(new Entitlement(acme.id(), analytics.key(), "Analytics", Optional.of(3), Optional.empty(),
          analytics.version()));
      tx.invitations().update(invitation.cancel(at(5)));
      tx.joinRequests().update(request.withdraw(at(5)));
    });

    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.accounts().update(owner.withDisplayName("Oleg"))));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION,
        () -> inTx(tx -> tx.roles().update(billing.withDefinition("Finance", billing.permissions()))));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.entitlements().update(analytics)));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.invitations().update(invitation.cancel(at(9)))));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.joinRequests().update(request.withdraw(at(9)))));

    assertThat(find(tx -> tx.accounts().find(owner.id()))).map(Account::displayName).contains("Olga");
    assertThat(find(tx -> tx.roles().find(acme.id(), billing.id()))).map(Role::name).contains("Billing team");
    assertThat(find(tx -> tx.entitlements().find(acme.id(), analytics.key()))).map(Entitlement::seatLimit)
        .contains(Optional.of(3));
    assertThat(find(tx -> tx.invitations().find(acme.id(), invitation.id()))).map(Invitation::updatedAt).contains(at(5));
    assertThat(find(tx -> tx.joinRequests().find(request.id()))).map(JoinRequest::decidedAt).contains(Optional.of(at(5)));
  }

  @Test
  void an_acceptance_that_lost_the_race_for_its_invitation_writes_neither_the_membership_nor_its_audit_event() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Account pat = account("pat@x.test");
    Invitation invitation = invitation(acme, "pat@x.test", Role.MEMBER.id(), owner);
    inTx(tx -> tx.invitations().update(invitation.cancel(at(1))));
    Membership membership = Membership.start(acme.id(), pat.id(), Role.MEMBER.id(), Set.of(), MembershipOrigin.INVITATION,
        at(2));
    var accepted = newAuditEvent(acme.id(), pat, AuditAction.INVITATION_ACCEPTED, at(2));

    // As a store may send them: the stale update, the membership and the audit event in one batch.
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> {
      tx.invitations().update(invitation.accept(pat.id(), at(2)));
      tx.memberships().insert(membership);
      tx.audit().append(accepted);
    }));

    assertThat(find(tx -> tx.memberships().findLive(acme.id(), pat.id()))).isEmpty();
    assertThat(list(tx -> tx.audit().page(acme.id(), PageRequest.first()).items())).isEmpty();
    assertThat(find(tx -> tx.invitations().find(acme.id(), invitation.id()))).map(Invitation::acceptedBy)
        .contains(Optional.empty());
    assertThat(tx(tx -> tx.reads().memberCounts(acme.id())).active()).isZero();
  }

  @Test
  void an_update_of_a_row_that_does_not_exist_fails_with_concurrent_modification() {
    Organisation ghost = newOrganisation("ghost");

    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.organisations().update(ghost.rename("boo"))));

    assertThat(find(tx -> tx.organisations().find(ghost.id()))).isEmpty();
  }

  @Test
  void an_exception_inside_a_transaction_rolls_back_every_insert_update_audit_event_and_notification() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Membership ownership = member(acme, owner, Role.OWNER);
    Account bob = account("bob@x.test");
    Entitlement analytics = entitlement(acme, "analytics", Optional.empty());
    RuntimeException boom = new IllegalStateException("boom");

    assertThatThrownBy(() -> inTx(tx -> {
      tx.organisations().update(acme.rename("renamed"));
      tx.accounts().update(owner.withDisplayName("Changed"));
      tx.memberships().update(ownership.withGrants(Set.of(analytics.key()), at(1)));
      tx.entitlements().update(new Entitlement(acme.id(), analytics.key(), "x", Optional.of(1), Optional.empty(), 0));
      Organisation globex = newOrganisation("globex");
      tx.organisations().insert(globex);
      Account carol = newAccount("carol@x.test");
      tx.accounts().insert(carol);
      tx.memberships().insert(Membership.start(acme.id(), carol.id(), Role.ADMIN.id(), Set.of(),
          MembershipOrigin.CREATED_BY_ADMIN, at(1)));
      tx.roles().insert(Role.custom(acme.id(), "Billing", Set.of(Permission.VIEW_MEMBERS)));
      tx.entitlements().insert(new Entitlement(acme.id(), EntitlementKey.of("crm"), "crm",
          Optional.empty(), Optional.empty(), 0));
      tx.invitations().insert(newInvitation(acme, "ana@acme.test", Role.MEMBER.id(), owner));
      tx.joinRequests().insert(newJoinRequest(acme, bob, at(1)));
      tx.audit().append(newAuditEvent(acme.id(), owner, AuditAction.ORGANISATION_RENAMED, at(1)));
      tx.outbox().enqueue(newNotification(acme.id(), "ana@acme.test", at(1)));
      throw boom;
    })).isSameAs(boom);

    assertThat(find(tx -> tx.organisations().find(acme.id()))).contains(acme);
    assertThat(find(tx -> tx.accounts().find(owner.id()))).contains(owner);
    assertThat(find(tx -> tx.memberships().find(acme.id(), ownership.id()))).contains(ownership);
    assertThat(find(tx -> tx.entitlements().find(acme.id(), analytics.key()))).contains(analytics);
    assertThat(list(tx -> tx.reads().searchOrganisations("globex", PageRequest.first()).items())).isEmpty();
    assertThat(find(tx -> tx.accounts().findByEmail(email("carol@x.test")))).isEmpty();
    assertThat(list(tx -> tx.reads().memberPage(acme.id(), MemberQuery.all(), T0).items())).hasSize(1);
    assertThat(list(tx -> tx.roles().list(acme.id()))).hasSize(3);
    assertThat(list(tx -> tx.entitlements().list(acme.id()))).containsExactly(analytics);
    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("ana@acme.test")))).isEmpty();
    assertThat(find(tx -> tx.joinRequests().findPending(acme.id(), bob.id()))).isEmpty();
    assertThat(list(tx -> tx.audit().page(acme.id(), PageRequest.first()).items())).isEmpty();
    assertThat(dueAt(at(3600))).isEmpty();
  }

  @Test
  void a_conflict_inside_a_transaction_rolls_back_what_was_written_before_it() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@x.test");

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> {
      tx.accounts().insert(newAccount("bob@x.test"));
      tx.organisations().update(acme.rename("renamed"));
      tx.accounts().insert(newAccount("ALICE@x.test"));
    }));

    assertThat(find(tx -> tx.accounts().findByEmail(email("bob@x.test")))).isEmpty();
    assertThat(find(tx -> tx.organisations().find(acme.id()))).map(Organisation::name).contains("acme");
    assertThat(find(tx -> tx.accounts().find(alice.id()))).contains(alice);
  }

  @Test
  void a_transaction_returns_the_value_of_its_work_after_commit() {
    Instant at = at(42);
    Membership membership = tx(tx -> {
      Organisation acme = newOrganisation("acme");
      tx.organisations().insert(acme);
      Account alice = newAccount("alice@x.test");
      tx.accounts().insert(alice);
      Membership m = Membership.start(acme.id(), alice.id(), Role.OWNER.id(), Set.of(),
          MembershipOrigin.FOUNDER, at);
      tx.memberships().insert(m);
      return m;
    });

    assertThat(find(tx -> tx.memberships().find(membership.organisationId(), membership.id()))).contains(membership);
    assertThat(membership.status()).isEqualTo(MembershipStatus.ACTIVE);
  }

  @Test
  void a_rolled_back_transaction_also_undoes_role_deletion_reassignment_and_outbox_bookkeeping() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Role legacy = customRole(acme, "Legacy", Permission.VIEW_MEMBERS);
    Membership holder = member(acme, account("holder@acme.test"), legacy);
    Invitation invited = invitation(acme, "invited@acme.test", legacy.id(), owner);
    Notification delivered = newNotification(acme.id(), "a@acme.test", at(0));
    Notification failing = newNotification(acme.id(), "b@acme.test", at(1));
    inTx(tx -> {
      tx.outbox().enqueue(delivered);
      tx.outbox().enqueue(failing);
    });
    OutboxLease lease = OutboxLease.until(at(65));

    assertThatThrownBy(() -> inTx(tx -> {
      tx.roles().reassign(acme.id(), legacy.id(), Role.MEMBER.id(), at(5));
      tx.roles().delete(acme.id(), legacy.id());
      tx.outbox().claimDue(at(5), lease, 10);
      tx.outbox().markDelivered(delivered.id(), at(5));
      tx.outbox().markDead(failing.id(), lease, at(5), "java.io.IOException");
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(find(tx -> tx.roles().find(acme.id(), legacy.id()))).contains(legacy);
    assertThat(find(tx -> tx.memberships().find(acme.id(), holder.id()))).contains(holder);
    assertThat(find(tx -> tx.invitations().find(acme.id(), invited.id()))).contains(invited);
    assertThat(dueAt(at(10))).extracting(ClaimedNotification::notification).containsExactly(delivered, failing);
    assertThat(dueAt(at(10))).extracting(ClaimedNotification::attempt).containsOnly(1);
    assertThat(list(tx -> tx.outbox().deadLetters(PageRequest.first()).items())).isEmpty();
  }
}
