package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.Suspension;
import dev.membership.error.ErrorCode;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.MemberStore}: a membership reads back exactly as written, and an account has at most one live membership per organisation. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class MemberStoreContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

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
}
