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

    Organisation renamed = tx(tx -> tx.updateOrganisation(acme.rename("acme corp")));

    assertThat(renamed.version()).isEqualTo(acme.version() + 1);
    assertThat(find(tx -> tx.findOrganisation(acme.id()))).contains(renamed);
  }

  @Test
  void a_stale_organisation_update_fails_with_concurrent_modification_and_writes_nothing() {
    Organisation acme = organisation("acme");
    Organisation first = tx(tx -> tx.updateOrganisation(acme.rename("first")));

    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.updateOrganisation(acme.rename("second"))));

    assertThat(find(tx -> tx.findOrganisation(acme.id()))).contains(first);
  }

  @Test
  void a_stale_membership_update_fails_and_the_first_change_stays() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@acme.test");
    Membership seen = member(acme, alice, Role.MEMBER);
    Membership promoted = tx(tx -> tx.updateMembership(seen.withRole(Role.ADMIN.id(), at(10))));

    assertThatThrownBy(() -> inTx(tx -> tx.updateMembership(seen.deactivate(at(20)))))
        .isInstanceOf(ConcurrentModificationException.class);

    assertThat(find(tx -> tx.findMembership(acme.id(), seen.id()))).contains(promoted);
  }

  @Test
  void a_stale_update_of_every_versioned_row_fails_with_concurrent_modification() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Role billing = customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Entitlement analytics = entitlement(acme, "analytics", Optional.empty());
    Invitation invitation = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);
    JoinRequest request = newJoinRequest(acme, owner, at(0));
    inTx(tx -> tx.insertJoinRequest(request));

    inTx(tx -> {
      tx.updateAccount(owner.withDisplayName("Olga"));
      tx.updateRole(billing.withDefinition("Billing team", billing.permissions()));
      tx.updateEntitlement(new Entitlement(acme.id(), analytics.key(), "Analytics", Optional.of(3), Optional.empty(),
          analytics.version()));
      tx.updateInvitation(invitation.cancel(at(5)));
      tx.updateJoinRequest(request.withdraw(at(5)));
    });

    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.updateAccount(owner.withDisplayName("Oleg"))));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION,
        () -> inTx(tx -> tx.updateRole(billing.withDefinition("Finance", billing.permissions()))));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.updateEntitlement(analytics)));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.updateInvitation(invitation.cancel(at(9)))));
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.updateJoinRequest(request.withdraw(at(9)))));

    assertThat(find(tx -> tx.findAccount(owner.id()))).map(Account::displayName).contains("Olga");
    assertThat(find(tx -> tx.findRole(acme.id(), billing.id()))).map(Role::name).contains("Billing team");
    assertThat(find(tx -> tx.findEntitlement(acme.id(), analytics.key()))).map(Entitlement::seatLimit)
        .contains(Optional.of(3));
    assertThat(find(tx -> tx.findInvitation(acme.id(), invitation.id()))).map(Invitation::updatedAt).contains(at(5));
    assertThat(find(tx -> tx.findJoinRequest(request.id()))).map(JoinRequest::decidedAt).contains(Optional.of(at(5)));
  }

  @Test
  void an_update_of_a_row_that_does_not_exist_fails_with_concurrent_modification() {
    Organisation ghost = newOrganisation("ghost");

    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(tx -> tx.updateOrganisation(ghost.rename("boo"))));

    assertThat(find(tx -> tx.findOrganisation(ghost.id()))).isEmpty();
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
      tx.updateOrganisation(acme.rename("renamed"));
      tx.updateAccount(owner.withDisplayName("Changed"));
      tx.updateMembership(ownership.withGrants(Set.of(analytics.key()), at(1)));
      tx.updateEntitlement(new Entitlement(acme.id(), analytics.key(), "x", Optional.of(1), Optional.empty(), 0));
      Organisation globex = newOrganisation("globex");
      tx.insertOrganisation(globex);
      Account carol = newAccount("carol@x.test");
      tx.insertAccount(carol);
      tx.insertMembership(Membership.start(acme.id(), carol.id(), Role.ADMIN.id(), Set.of(),
          MembershipOrigin.CREATED_BY_ADMIN, at(1)));
      tx.insertRole(Role.custom(acme.id(), "Billing", Set.of(Permission.VIEW_MEMBERS)));
      tx.insertEntitlement(new Entitlement(acme.id(), EntitlementKey.of("crm"), "crm",
          Optional.empty(), Optional.empty(), 0));
      tx.insertInvitation(newInvitation(acme, "ana@acme.test", Role.MEMBER.id(), owner));
      tx.insertJoinRequest(newJoinRequest(acme, bob, at(1)));
      tx.appendAudit(newAuditEvent(acme.id(), owner, AuditAction.ORGANISATION_RENAMED, at(1)));
      tx.outbox().enqueue(newNotification(acme.id(), "ana@acme.test", at(1)));
      throw boom;
    })).isSameAs(boom);

    assertThat(find(tx -> tx.findOrganisation(acme.id()))).contains(acme);
    assertThat(find(tx -> tx.findAccount(owner.id()))).contains(owner);
    assertThat(find(tx -> tx.findMembership(acme.id(), ownership.id()))).contains(ownership);
    assertThat(find(tx -> tx.findEntitlement(acme.id(), analytics.key()))).contains(analytics);
    assertThat(list(tx -> tx.searchOrganisations("globex", PageRequest.first()).items())).isEmpty();
    assertThat(find(tx -> tx.findAccountByEmail(email("carol@x.test")))).isEmpty();
    assertThat(list(tx -> tx.memberPage(acme.id(), MemberQuery.all(), T0).items())).hasSize(1);
    assertThat(list(tx -> tx.listRoles(acme.id()))).hasSize(3);
    assertThat(list(tx -> tx.listEntitlements(acme.id()))).containsExactly(analytics);
    assertThat(find(tx -> tx.findPendingInvitation(acme.id(), email("ana@acme.test")))).isEmpty();
    assertThat(find(tx -> tx.findPendingJoinRequest(acme.id(), bob.id()))).isEmpty();
    assertThat(list(tx -> tx.auditPage(acme.id(), PageRequest.first()).items())).isEmpty();
    assertThat(dueAt(at(3600))).isEmpty();
  }

  @Test
  void a_conflict_inside_a_transaction_rolls_back_what_was_written_before_it() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@x.test");

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> {
      tx.insertAccount(newAccount("bob@x.test"));
      tx.updateOrganisation(acme.rename("renamed"));
      tx.insertAccount(newAccount("ALICE@x.test"));
    }));

    assertThat(find(tx -> tx.findAccountByEmail(email("bob@x.test")))).isEmpty();
    assertThat(find(tx -> tx.findOrganisation(acme.id()))).map(Organisation::name).contains("acme");
    assertThat(find(tx -> tx.findAccount(alice.id()))).contains(alice);
  }

  @Test
  void a_transaction_returns_the_value_of_its_work_after_commit() {
    Instant at = at(42);
    Membership membership = tx(tx -> {
      Organisation acme = newOrganisation("acme");
      tx.insertOrganisation(acme);
      Account alice = newAccount("alice@x.test");
      tx.insertAccount(alice);
      Membership m = Membership.start(acme.id(), alice.id(), Role.OWNER.id(), Set.of(),
          MembershipOrigin.FOUNDER, at);
      tx.insertMembership(m);
      return m;
    });

    assertThat(find(tx -> tx.findMembership(membership.organisationId(), membership.id()))).contains(membership);
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
      tx.reassignRole(acme.id(), legacy.id(), Role.MEMBER.id(), at(5));
      tx.deleteRole(acme.id(), legacy.id());
      tx.outbox().claimDue(at(5), lease, 10);
      tx.outbox().markDelivered(delivered.id(), at(5));
      tx.outbox().markDead(failing.id(), lease, at(5), "java.io.IOException");
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(find(tx -> tx.findRole(acme.id(), legacy.id()))).contains(legacy);
    assertThat(find(tx -> tx.findMembership(acme.id(), holder.id()))).contains(holder);
    assertThat(find(tx -> tx.findInvitation(acme.id(), invited.id()))).contains(invited);
    assertThat(dueAt(at(10))).extracting(ClaimedNotification::notification).containsExactly(delivered, failing);
    assertThat(dueAt(at(10))).extracting(ClaimedNotification::attempt).containsOnly(1);
    assertThat(list(tx -> tx.outbox().deadLetters(PageRequest.first()).items())).isEmpty();
  }
}
