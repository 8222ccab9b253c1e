package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.AuditAction;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Port level: a read or write scoped by an organisation never reaches another organisation's rows,
 * even when given the id of one of them.
 */
public abstract class TenancyContract extends StoreContractSupport {
  private Organisation acme;
  private Organisation globex;
  private Account alice;
  private Membership aliceInAcme;
  private Role acmeBilling;
  private Invitation acmeInvitation;
  private JoinRequest acmeRequest;

  @BeforeEach
  final void twoOrganisations() {
    acme = organisation("acme");
    globex = organisation("globex");
    alice = account("alice@x.test");
    Account globexOwner = account("owner@globex.test");
    member(globex, globexOwner, Role.OWNER);
    entitlement(acme, "analytics", Optional.empty());
    acmeBilling = customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    aliceInAcme = member(acme, alice, acmeBilling, "analytics");
    acmeInvitation = invitation(acme, "ana@x.test", acmeBilling.id(), alice, "analytics");
    acmeRequest = newJoinRequest(acme, account("bob@x.test"), T0);
    inTx(tx -> tx.joinRequests().insert(acmeRequest));
    inTx(tx -> tx.audit().append(newAuditEvent(acme.id(), alice, AuditAction.MEMBER_ROLE_CHANGED, T0)));
  }

  @Test
  void another_organisations_member_is_not_found_by_id_or_account() {
    assertThat(find(tx -> tx.memberships().find(globex.id(), aliceInAcme.id()))).isEmpty();
    assertThat(find(tx -> tx.memberships().findLive(globex.id(), alice.id()))).isEmpty();
    assertThat(find(tx -> tx.memberships().findAccess(globex.id(), alice.id()))).isEmpty();
    assertThat(find(tx -> tx.memberships().find(acme.id(), aliceInAcme.id()))).contains(aliceInAcme);
  }

  @Test
  void another_organisations_invitation_role_and_entitlement_are_not_found() {
    assertThat(find(tx -> tx.invitations().find(globex.id(), acmeInvitation.id()))).isEmpty();
    assertThat(find(tx -> tx.invitations().findPending(globex.id(), email("ana@x.test")))).isEmpty();
    assertThat(find(tx -> tx.roles().find(globex.id(), acmeBilling.id()))).isEmpty();
    assertThat(find(tx -> tx.entitlements().find(globex.id(), EntitlementKey.of("analytics")))).isEmpty();
    assertThat(find(tx -> tx.joinRequests().findPending(globex.id(), acmeRequest.accountId()))).isEmpty();
  }

  @Test
  void another_organisations_lists_show_none_of_its_rows() {
    assertThat(list(tx -> tx.reads().memberPage(globex.id(), MemberQuery.all().withBadges(MemberBadge.values()), T0).items()))
        .extracting(row -> row.email().value()).containsExactly("owner@globex.test");
    assertThat(list(tx -> tx.roles().list(globex.id()))).containsExactlyElementsOf(Role.BUILT_IN);
    assertThat(list(tx -> tx.entitlements().list(globex.id()))).isEmpty();
    assertThat(list(tx -> tx.reads().joinRequestPage(globex.id(), Set.of(), PageRequest.first()).items())).isEmpty();
    assertThat(list(tx -> tx.audit().page(globex.id(), PageRequest.first()).items())).isEmpty();
    assertThat(list(tx -> tx.memberships().activeWithRoles(globex.id(), Set.of(acmeBilling.id()), 10))).isEmpty();
  }

  @Test
  void another_organisations_counts_and_checks_ignore_its_rows() {
    assertThat(count(tx -> tx.entitlements().countSeatsInUse(globex.id(), EntitlementKey.of("analytics"), T0))).isZero();
    assertThat(count(tx -> tx.memberships().countActiveWithRole(globex.id(), acmeBilling.id()))).isZero();
    assertThat(holds(tx -> tx.roles().isInUse(globex.id(), acmeBilling.id()))).isFalse();
    assertThat(count(tx -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("analytics"), T0))).isEqualTo(2);
  }

  @Test
  void reassigning_a_role_in_another_organisation_moves_nothing_here() {
    int moved = tx(tx -> tx.roles().reassign(globex.id(), acmeBilling.id(), Role.MEMBER.id(), at(5)));

    assertThat(moved).isZero();
    assertThat(find(tx -> tx.memberships().find(acme.id(), aliceInAcme.id()))).contains(aliceInAcme);
    assertThat(find(tx -> tx.invitations().find(acme.id(), acmeInvitation.id()))).contains(acmeInvitation);
  }

  @Test
  void deleting_a_role_id_under_another_organisation_deletes_nothing_here() {
    inTx(tx -> tx.roles().delete(globex.id(), acmeBilling.id()));

    assertThat(find(tx -> tx.roles().find(acme.id(), acmeBilling.id()))).contains(acmeBilling);
  }
}
