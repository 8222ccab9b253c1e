package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Port level: every unique key of the store refuses a second row with a
 * {@link ConflictException} of the documented code, and lets the first one
 * stand.
 */
public abstract class UniqueKeysContract extends StoreContractSupport {

  @Test
  void a_second_account_with_the_same_email_is_refused_with_email_already_registered() {
    Account first = account("alice@x.test");

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> tx.accounts().insert(newAccount("alice@x.test"))));

    assertThat(find(tx -> tx.accounts().findByEmail(email("alice@x.test")))).map(Account::id).contains(first.id());
  }

  @Test
  void an_address_typed_with_capitals_and_spaces_is_the_same_account() {
    Account first = account("alice@x.com");

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> tx.accounts().insert(newAccount("Alice@X.com "))));

    assertThat(find(tx -> tx.accounts().findByEmail(email("  ALICE@x.COM")))).map(Account::id).contains(first.id());
  }

  @Test
  void an_account_is_found_by_id_and_by_email_exactly_as_stored() {
    Account alice = account("alice@x.test");

    assertThat(find(tx -> tx.accounts().find(alice.id()))).contains(alice);
    assertThat(find(tx -> tx.accounts().findByEmail(email("alice@x.test")))).contains(alice);
    assertThat(find(tx -> tx.accounts().findByEmail(email("bob@x.test")))).isEmpty();
  }

  @Test
  void a_second_live_membership_of_the_same_account_is_refused_with_already_member() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@acme.test");
    Membership first = member(acme, alice, Role.MEMBER);

    assertFailsWith(ErrorCode.ALREADY_MEMBER, () -> inTx(tx -> tx.memberships().insert(
        Membership.start(acme.id(), alice.id(), Role.ADMIN.id(), Set.of(), MembershipOrigin.INVITATION, at(60)))));

    assertThat(find(tx -> tx.memberships().findLive(acme.id(), alice.id()))).map(Membership::id).contains(first.id());
  }

  @Test
  void a_deactivated_membership_still_blocks_a_second_one() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@acme.test");
    Membership first = member(acme, alice, Role.MEMBER);
    inTx(tx -> tx.memberships().update(first.deactivate(at(10))));

    assertFailsWith(ErrorCode.ALREADY_MEMBER, () -> inTx(tx -> tx.memberships().insert(
        Membership.start(acme.id(), alice.id(), Role.MEMBER.id(), Set.of(), MembershipOrigin.INVITATION, at(60)))));
  }

  @Test
  void a_removed_membership_does_not_block_a_new_one_and_stays_as_history() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@acme.test");
    Membership old = member(acme, alice, Role.MEMBER);
    inTx(tx -> tx.memberships().update(old.remove(at(10))));

    Membership again = Membership.start(acme.id(), alice.id(), Role.ADMIN.id(), Set.of(), MembershipOrigin.INVITATION, at(60));
    inTx(tx -> tx.memberships().insert(again));

    assertThat(find(tx -> tx.memberships().findLive(acme.id(), alice.id()))).map(Membership::id).contains(again.id());
    assertThat(find(tx -> tx.memberships().find(acme.id(), old.id()))).hasValueSatisfying(
        m -> assertThat(m.status()).isEqualTo(MembershipStatus.REMOVED));
  }

  @Test
  void the_same_account_may_be_a_member_of_two_organisations() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account alice = account("alice@x.test");

    member(acme, alice, Role.MEMBER);
    member(globex, alice, Role.OWNER);

    assertThat(find(tx -> tx.memberships().findLive(acme.id(), alice.id()))).isPresent();
    assertThat(find(tx -> tx.memberships().findLive(globex.id(), alice.id()))).isPresent();
  }

  @Test
  void a_second_pending_invitation_to_the_same_address_is_refused_ignoring_case() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Invitation first = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);

    assertFailsWith(ErrorCode.INVITATION_ALREADY_PENDING,
        () -> inTx(tx -> tx.invitations().insert(newInvitation(acme, " Ana@ACME.test", Role.ADMIN.id(), owner))));

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("ana@acme.test")))).map(Invitation::id)
        .contains(first.id());
  }

  @Test
  void a_cancelled_or_accepted_invitation_does_not_block_a_new_pending_one() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Invitation cancelled = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);
    inTx(tx -> tx.invitations().update(cancelled.cancel(at(10))));
    Invitation accepted = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);
    inTx(tx -> tx.invitations().update(accepted.accept(owner.id(), at(20))));

    Invitation third = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("ana@acme.test")))).map(Invitation::id)
        .contains(third.id());
  }

  @Test
  void the_same_address_may_be_invited_by_two_organisations() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account owner = account("owner@x.test");

    Invitation toAcme = invitation(acme, "ana@x.test", Role.MEMBER.id(), owner);
    Invitation toGlobex = invitation(globex, "ana@x.test", Role.MEMBER.id(), owner);

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("ana@x.test")))).map(Invitation::id).contains(toAcme.id());
    assertThat(find(tx -> tx.invitations().findPending(globex.id(), email("ana@x.test")))).map(Invitation::id)
        .contains(toGlobex.id());
  }

  @Test
  void a_second_pending_join_request_of_the_same_account_is_refused() {
    Organisation acme = organisation("acme");
    Account bob = account("bob@x.test");
    JoinRequest first = newJoinRequest(acme, bob, at(0));
    inTx(tx -> tx.joinRequests().insert(first));

    assertFailsWith(ErrorCode.JOIN_REQUEST_ALREADY_PENDING,
        () -> inTx(tx -> tx.joinRequests().insert(newJoinRequest(acme, bob, at(5)))));

    assertThat(find(tx -> tx.joinRequests().findPending(acme.id(), bob.id()))).map(JoinRequest::id).contains(first.id());
  }

  @Test
  void a_decided_join_request_does_not_block_a_new_one() {
    Organisation acme = organisation("acme");
    Account bob = account("bob@x.test");
    Account owner = account("owner@acme.test");
    JoinRequest denied = newJoinRequest(acme, bob, at(0));
    inTx(tx -> tx.joinRequests().insert(denied));
    inTx(tx -> tx.joinRequests().update(denied.deny(owner.id(), at(5))));

    JoinRequest again = newJoinRequest(acme, bob, at(10));
    inTx(tx -> tx.joinRequests().insert(again));

    assertThat(find(tx -> tx.joinRequests().findPending(acme.id(), bob.id()))).map(JoinRequest::id).contains(again.id());
    assertThat(find(tx -> tx.joinRequests().find(denied.id()))).hasValueSatisfying(
        r -> assertThat(r.status()).isEqualTo(JoinRequestStatus.DENIED));
  }

  @Test
  void a_custom_role_name_taken_in_another_case_is_refused_with_role_name_taken() {
    Organisation acme = organisation("acme");
    Role billing = customRole(acme, "Billing", Permission.VIEW_MEMBERS);

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "BILLING", Set.of(Permission.VIEW_AUDIT_LOG)))));

    assertThat(list(tx -> tx.roles().list(acme.id()))).extracting(Role::name).containsExactly("Owner", "Admin", "Member", "Billing");
    assertThat(find(tx -> tx.roles().find(acme.id(), billing.id()))).contains(billing);
  }

  @Test
  void a_custom_role_may_not_take_the_name_of_a_built_in_role() {
    Organisation acme = organisation("acme");

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "admin", Set.of(Permission.VIEW_MEMBERS)))));
  }

  @Test
  void renaming_a_role_to_a_taken_name_is_refused_with_role_name_taken() {
    Organisation acme = organisation("acme");
    customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Role support = customRole(acme, "Support", Permission.VIEW_MEMBERS);

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().update(support.withDefinition("billing", support.permissions()))));

    assertThat(find(tx -> tx.roles().find(acme.id(), support.id()))).map(Role::name).contains("Support");
  }

  @Test
  void two_organisations_may_each_have_a_role_of_the_same_name() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");

    Role acmeBilling = customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Role globexBilling = customRole(globex, "Billing", Permission.VIEW_AUDIT_LOG);

    assertThat(find(tx -> tx.roles().find(acme.id(), acmeBilling.id()))).contains(acmeBilling);
    assertThat(find(tx -> tx.roles().find(globex.id(), globexBilling.id()))).contains(globexBilling);
  }

  @Test
  void a_second_entitlement_with_the_same_key_is_refused_with_entitlement_already_defined() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Entitlement first = entitlement(acme, "analytics", Optional.of(5));
    entitlement(globex, "analytics", Optional.empty());

    assertFailsWith(ErrorCode.ENTITLEMENT_ALREADY_DEFINED, () -> inTx(tx -> tx.entitlements().insert(
        new Entitlement(acme.id(), EntitlementKey.of("analytics"), "Other", Optional.empty(), Optional.empty(), 0))));

    assertThat(find(tx -> tx.entitlements().find(acme.id(), EntitlementKey.of("analytics")))).contains(first);
  }

  @Test
  void values_that_look_like_key_names_still_get_the_conflict_of_their_own_key() {
    Organisation acme = organisation("acme");
    inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "Primary key on ops_pk 'primary'", Set.of())));
    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().insert(Role.custom(acme.id(), "primary KEY on OPS_pk 'PRIMARY'", Set.of()))));
    account("db_pk@primary.test");
    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> tx.accounts().insert(newAccount("db_pk@primary.test"))));
  }
}
