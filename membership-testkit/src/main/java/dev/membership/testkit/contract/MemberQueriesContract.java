package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.TokenHash;
import dev.membership.query.MemberAccess;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Port level: the members page's filters (badges, roles, origins, text), seat counting, roles in
 * use and their reassignment, and the permission check's one-query read.
 *
 * <p>Each test starts from the same organisation "acme": an owner, an admin, two members an admin
 * created (one has signed in since), a deactivated member with a custom role, a removed member, and
 * invitations that are pending, expired, cancelled, and one answering a join request.
 */
public abstract class MemberQueriesContract extends StoreContractSupport {
  /** "Now" for the page: two days in, when the invitation that lasted one day has expired. */
  private static final Instant NOW = T0.plus(Duration.ofDays(2));

  private Organisation acme;
  private Account owner;
  private Role support;
  private Membership ownerMembership;
  private Membership m001Admin;
  private Membership m002CreatedNeverSignedIn;
  private Membership m003CreatedSignedIn;
  private Membership m004Deactivated;
  private Membership m005Removed;
  private Invitation m006PendingAdmin;
  private Invitation m007Expired;
  private Invitation m008Cancelled;
  private Invitation m009FromJoinRequest;

  @BeforeEach
  final void acmeWithEveryKindOfRow() {
    acme = organisation("acme");
    entitlement(acme, "analytics", Optional.of(10));
    entitlement(acme, "crm", Optional.empty());
    support = customRole(acme, "Support", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS);
    owner = account("owner@acme.test");
    ownerMembership = insert(Membership.start(acme.id(), owner.id(), Role.OWNER.id(), keys(), MembershipOrigin.FOUNDER, T0));
    m001Admin = member(acme, account("m001@acme.test"), Role.ADMIN, "analytics");
    Account m002 = createdByAdmin("m002@acme.test", "Maria Lopez");
    m002CreatedNeverSignedIn = insert(Membership.start(acme.id(), m002.id(), Role.MEMBER.id(), keys("analytics", "crm"),
        MembershipOrigin.CREATED_BY_ADMIN, T0));
    Account m003 = createdByAdmin("m003@acme.test", "Zorro Zed");
    inTx(tx -> tx.accounts().update(m003.withPersonalPassword(new PasswordHash("$test$mine")).signedInAt(at(30))));
    m003CreatedSignedIn = insert(Membership.start(acme.id(), m003.id(), Role.MEMBER.id(), keys(),
        MembershipOrigin.CREATED_BY_ADMIN, T0));
    Membership m004 = member(acme, account("m004@acme.test"), support, "analytics");
    m004Deactivated = tx(tx -> tx.memberships().update(m004.deactivate(at(40))));
    Membership m005 = member(acme, account("m005@acme.test"), Role.MEMBER, "analytics");
    m005Removed = tx(tx -> tx.memberships().update(m005.remove(at(50))));
    m006PendingAdmin = invitation(acme, "m006@acme.test", Role.ADMIN.id(), owner, "analytics");
    m007Expired = Invitation.issue(acme.id(), email("m007@acme.test"), Role.MEMBER.id(), keys("analytics"),
        TokenHash.of("m007-token"), T0.plus(Duration.ofDays(1)), owner.id(), Optional.empty(), T0);
    inTx(tx -> tx.invitations().insert(m007Expired));
    Invitation m008 = invitation(acme, "m008@acme.test", Role.MEMBER.id(), owner, "analytics");
    m008Cancelled = tx(tx -> tx.invitations().update(m008.cancel(at(60))));
    Account m009 = account("m009@acme.test");
    JoinRequest request = newJoinRequest(acme, m009, T0);
    inTx(tx -> tx.joinRequests().insert(request));
    inTx(tx -> tx.joinRequests().update(request.approve(owner.id(), at(70))));
    m009FromJoinRequest = Invitation.issue(acme.id(), m009.email(), Role.MEMBER.id(), keys(), TokenHash.of("m009-token"),
        T0.plus(Duration.ofDays(7)), owner.id(), Optional.of(request.id()), at(70));
    inTx(tx -> tx.invitations().insert(m009FromJoinRequest));
  }

  private Account createdByAdmin(String email, String name) {
    Account account = Account.createdByAdmin(EmailAddress.of(email), name, new PasswordHash("$test$temp"), acme.id(),
        T0.plus(Duration.ofDays(7)), T0);
    inTx(tx -> tx.accounts().insert(account));
    return account;
  }

  private Membership insert(Membership membership) {
    inTx(tx -> tx.memberships().insert(membership));
    return membership;
  }

  private List<String> emails(MemberQuery query) {
    return tx(tx -> tx.reads().memberPage(acme.id(), query, NOW)).items().stream().map(row -> row.email().value()).toList();
  }

  @Test
  void by_default_the_page_shows_members_and_pending_invitations_open_or_expired_but_no_removed_member() {
    List<MemberRow> rows = tx(tx -> tx.reads().memberPage(acme.id(), MemberQuery.all(), NOW)).items();

    assertThat(rows).extracting(row -> row.email().value() + " " + row.badge() + " " + row.role().name())
        .containsExactly(
            "m001@acme.test ACTIVE Admin",
            "m002@acme.test CREATED_BY_ADMIN Member",
            "m003@acme.test ACTIVE Member",
            "m004@acme.test DEACTIVATED Support",
            "m006@acme.test PENDING Admin",
            "m007@acme.test EXPIRED Member",
            "m009@acme.test PENDING Member",
            "owner@acme.test ACTIVE Owner");
  }

  @Test
  void an_invitation_past_its_expiry_shows_only_under_the_expired_badge() {
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.EXPIRED))).containsExactly("m007@acme.test");
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.PENDING))).containsExactly("m006@acme.test", "m009@acme.test");
  }

  @Test
  void a_member_row_carries_its_membership_and_account_and_an_invitation_row_its_invitation() {
    List<MemberRow> rows = tx(tx -> tx.reads().memberPage(acme.id(), MemberQuery.all().withText("m00"), NOW)).items();

    assertThat(rows.get(1)).isInstanceOfSatisfying(MemberRow.Member.class, row -> {
      assertThat(row.membership()).isEqualTo(m002CreatedNeverSignedIn);
      assertThat(row.account().displayName()).isEqualTo("Maria Lopez");
      assertThat(row.account().neverSignedIn()).isTrue();
    });
    assertThat(rows.get(4)).isInstanceOfSatisfying(MemberRow.Invited.class,
        row -> assertThat(row.invitation()).isEqualTo(m006PendingAdmin));
  }

  @Test
  void each_badge_filters_its_own_rows() {
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.PENDING))).containsExactly("m006@acme.test", "m009@acme.test");
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.CREATED_BY_ADMIN))).containsExactly("m002@acme.test");
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.ACTIVE)))
        .containsExactly("m001@acme.test", "m003@acme.test", "owner@acme.test");
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.DEACTIVATED))).containsExactly("m004@acme.test");
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.REMOVED))).containsExactly("m005@acme.test");
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.ACTIVE, MemberBadge.CREATED_BY_ADMIN)))
        .containsExactly("m001@acme.test", "m002@acme.test", "m003@acme.test", "owner@acme.test");
  }

  @Test
  void the_role_filter_covers_members_deactivated_members_and_invitations() {
    assertThat(emails(MemberQuery.all().withRoles(Role.ADMIN.id()))).containsExactly("m001@acme.test", "m006@acme.test");
    assertThat(emails(MemberQuery.all().withRoles(support.id()))).containsExactly("m004@acme.test");
    assertThat(emails(MemberQuery.all().withRoles(Role.OWNER.id(), support.id())))
        .containsExactly("m004@acme.test", "owner@acme.test");
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.ACTIVE).withRoles(Role.ADMIN.id())))
        .containsExactly("m001@acme.test");
  }

  @Test
  void the_origin_filter_treats_invitations_as_invitation_or_join_request() {
    assertThat(emails(MemberQuery.all().withOrigins(MembershipOrigin.CREATED_BY_ADMIN)))
        .containsExactly("m002@acme.test", "m003@acme.test");
    assertThat(emails(MemberQuery.all().withOrigins(MembershipOrigin.JOIN_REQUEST))).containsExactly("m009@acme.test");
    assertThat(emails(MemberQuery.all().withOrigins(MembershipOrigin.FOUNDER))).containsExactly("owner@acme.test");
    assertThat(emails(MemberQuery.all().withOrigins(MembershipOrigin.INVITATION)))
        .containsExactly("m001@acme.test", "m004@acme.test", "m006@acme.test", "m007@acme.test");
  }

  @Test
  void the_text_filter_matches_email_or_name_ignoring_case() {
    assertThat(emails(MemberQuery.all().withText("ZORRO"))).containsExactly("m003@acme.test");
    assertThat(emails(MemberQuery.all().withText("maria l"))).containsExactly("m002@acme.test");
    assertThat(emails(MemberQuery.all().withText("M00"))).containsExactly(
        "m001@acme.test", "m002@acme.test", "m003@acme.test", "m004@acme.test", "m006@acme.test", "m007@acme.test",
        "m009@acme.test");
    assertThat(emails(MemberQuery.all().withText("OWNER@ACME"))).containsExactly("owner@acme.test");
    assertThat(emails(MemberQuery.all().withText("nobody"))).isEmpty();
  }

  @Test
  void filters_combine() {
    assertThat(emails(MemberQuery.all().withBadges(MemberBadge.PENDING, MemberBadge.ACTIVE).withRoles(Role.ADMIN.id())
        .withText("m006"))).containsExactly("m006@acme.test");
    assertThat(emails(MemberQuery.all().withOrigins(MembershipOrigin.CREATED_BY_ADMIN).withText("zorro")))
        .containsExactly("m003@acme.test");
  }

  @Test
  void seats_in_use_count_active_grants_and_open_invitations_only() {
    // m001, m002 (active) and m006 (pending, open). Not: m004 (deactivated), m005 (removed),
    // m007 (expired), m008 (cancelled).
    assertThat(count(tx -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("analytics"), NOW))).isEqualTo(3L);
    assertThat(count(tx -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("crm"), NOW))).isEqualTo(1L);
    // Before m007 expired, its invitation held a seat too.
    assertThat(count(tx -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("analytics"), at(3600)))).isEqualTo(4L);
  }

  @Test
  void a_custom_role_held_only_by_a_deactivated_member_is_in_use() {
    assertThat(holds(tx -> tx.roles().isInUse(acme.id(), support.id()))).isTrue();
  }

  @Test
  void a_custom_role_held_only_by_a_pending_invitation_is_in_use_and_not_by_a_cancelled_one() {
    Role billing = customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Role finance = customRole(acme, "Finance", Permission.VIEW_MEMBERS);
    invitation(acme, "b001@acme.test", billing.id(), owner);
    Invitation cancelled = invitation(acme, "f001@acme.test", finance.id(), owner);
    inTx(tx -> tx.invitations().update(cancelled.cancel(at(5))));

    assertThat(holds(tx -> tx.roles().isInUse(acme.id(), billing.id()))).isTrue();
    assertThat(holds(tx -> tx.roles().isInUse(acme.id(), finance.id()))).isFalse();
  }

  @Test
  void a_custom_role_held_only_by_a_removed_member_is_not_in_use() {
    Role billing = customRole(acme, "Billing", Permission.VIEW_MEMBERS);
    Membership gone = member(acme, account("b002@acme.test"), billing);
    inTx(tx -> tx.memberships().update(gone.remove(at(5))));

    assertThat(holds(tx -> tx.roles().isInUse(acme.id(), billing.id()))).isFalse();
  }

  @Test
  void reassigning_a_role_moves_members_suspensions_and_pending_invitations() {
    Membership active = member(acme, account("s001@acme.test"), support);
    Invitation pending = invitation(acme, "s002@acme.test", support.id(), owner);
    Invitation cancelled = invitation(acme, "s003@acme.test", support.id(), owner);
    Invitation cancelledNow = tx(tx -> tx.invitations().update(cancelled.cancel(at(5))));

    int moved = tx(tx -> tx.roles().reassign(acme.id(), support.id(), Role.MEMBER.id(), at(100)));

    assertThat(moved).isEqualTo(3);
    assertThat(holds(tx -> tx.roles().isInUse(acme.id(), support.id()))).isFalse();
    assertThat(find(tx -> tx.memberships().find(acme.id(), active.id()))).hasValueSatisfying(m -> {
      assertThat(m.roleId()).isEqualTo(Role.MEMBER.id());
      assertThat(m.version()).isEqualTo(active.version() + 1);
    });
    Membership deactivated = find(tx -> tx.memberships().find(acme.id(), m004Deactivated.id())).orElseThrow();
    assertThat(deactivated.roleId()).isEqualTo(Role.MEMBER.id());
    assertThat(deactivated.suspension().orElseThrow().grants()).containsExactly(EntitlementKey.of("analytics"));
    assertThat(deactivated.version()).isEqualTo(m004Deactivated.version() + 1);
    Membership reactivated = tx(tx -> tx.memberships().update(deactivated.reactivate(at(200))));
    assertThat(reactivated.roleId()).isEqualTo(Role.MEMBER.id());
    assertThat(find(tx -> tx.invitations().find(acme.id(), pending.id()))).hasValueSatisfying(i -> {
      assertThat(i.roleId()).isEqualTo(Role.MEMBER.id());
      assertThat(i.version()).isEqualTo(pending.version() + 1);
    });
    assertThat(find(tx -> tx.invitations().find(acme.id(), cancelled.id()))).contains(cancelledNow);
  }

  @Test
  void the_member_access_read_returns_membership_role_and_organisation_together() {
    Optional<MemberAccess> deactivated = find(tx -> tx.memberships().findAccess(acme.id(), m004Deactivated.accountId()));
    Optional<MemberAccess> admin = find(tx -> tx.memberships().findAccess(acme.id(), m001Admin.accountId()));

    assertThat(admin).hasValueSatisfying(access -> {
      assertThat(access.organisation()).isEqualTo(acme);
      assertThat(access.membership()).isEqualTo(m001Admin);
      assertThat(access.role()).isEqualTo(Role.ADMIN);
      assertThat(access.allows(Permission.MANAGE_MEMBERS)).isTrue();
    });
    assertThat(deactivated).hasValueSatisfying(access -> {
      assertThat(access.role()).isEqualTo(support);
      assertThat(access.membership().status()).isEqualTo(MembershipStatus.DEACTIVATED);
      assertThat(access.isEffective()).isFalse();
    });
    assertThat(find(tx -> tx.memberships().findAccess(acme.id(), m005Removed.accountId()))).isEmpty();
    assertThat(admin.orElseThrow().credentialState()).isEqualTo(CredentialState.PERSONAL);
    assertThat(find(tx -> tx.memberships().findAccess(acme.id(), m002CreatedNeverSignedIn.accountId()))).hasValueSatisfying(
        access -> {
          assertThat(access.credentialState()).isEqualTo(CredentialState.TEMPORARY);
          assertThat(access.isEffective()).isFalse();
        });
    assertThat(find(tx -> tx.memberships().findAccess(acme.id(), account("stranger@x.test").id()))).isEmpty();
  }

  @Test
  void a_custom_roles_permissions_come_with_the_member_access_read() {
    Optional<MemberAccess> access = find(tx -> tx.memberships().findAccess(acme.id(), m004Deactivated.accountId()));

    assertThat(access.orElseThrow().role().permissions())
        .containsExactlyInAnyOrder(Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS);
  }

  @Test
  void owners_and_reviewers_are_counted_and_listed_among_active_members_only() {
    Membership second = member(acme, account("o002@acme.test"), Role.OWNER);
    Membership deactivatedOwner = member(acme, account("o003@acme.test"), Role.OWNER);
    inTx(tx -> tx.memberships().update(deactivatedOwner.deactivate(at(5))));

    assertThat(count(tx -> tx.memberships().countActiveWithRole(acme.id(), Role.OWNER.id()))).isEqualTo(2L);
    assertThat(list(tx -> tx.memberships().activeWithRoles(acme.id(), Set.of(Role.OWNER.id(), support.id()), 10)))
        .extracting(Membership::id).containsExactlyInAnyOrder(ownerMembership.id(), second.id());
    assertThat(list(tx -> tx.memberships().activeWithRoles(acme.id(), Set.of(Role.OWNER.id(), Role.ADMIN.id()), 1))).hasSize(1);
  }

  @Test
  void active_members_with_roles_are_never_more_than_the_limit_asked_for_whatever_its_size() {
    for (int i = 2; i <= 6; i++) {
      member(acme, account("owner" + i + "@acme.test"), Role.OWNER);
    }

    for (int limit = 1; limit <= 7; limit++) {
      int asked = limit;
      assertThat(list(tx -> tx.memberships().activeWithRoles(acme.id(), Set.of(Role.OWNER.id()), asked)))
          .as("limit %d of 6 active owners", asked).hasSize(Math.min(asked, 6))
          .extracting(Membership::id).doesNotHaveDuplicates();
    }
  }

  @Test
  void an_account_with_a_live_membership_elsewhere_is_shared() {
    Organisation globex = organisation("globex");
    Account m002 = tx(tx -> tx.accounts().find(m002CreatedNeverSignedIn.accountId())).orElseThrow();
    Account m005 = tx(tx -> tx.accounts().find(m005Removed.accountId())).orElseThrow();

    assertThat(holds(tx -> tx.memberships().hasLiveOutside(m002.id(), acme.id()))).isFalse();
    Membership elsewhere = member(globex, m002, Role.MEMBER);
    member(globex, m005, Role.MEMBER);
    assertThat(holds(tx -> tx.memberships().hasLiveOutside(m002.id(), acme.id()))).isTrue();
    assertThat(holds(tx -> tx.memberships().hasLiveOutside(m005.id(), globex.id()))).isFalse();
    inTx(tx -> tx.memberships().update(elsewhere.remove(at(5))));
    assertThat(holds(tx -> tx.memberships().hasLiveOutside(m002.id(), acme.id()))).isFalse();
  }

  @Test
  void an_invitation_is_found_by_its_current_token_only() {
    Invitation resent = tx(tx -> tx.invitations().update(
        m006PendingAdmin.resend(TokenHash.of("new-token"), T0.plus(Duration.ofDays(8)), m006PendingAdmin.invitedBy(), at(10))));

    assertThat(find(tx -> tx.invitations().findByTokenHash(TokenHash.of("new-token")))).contains(resent);
    assertThat(find(tx -> tx.invitations().findByTokenHash(m006PendingAdmin.tokenHash()))).isEmpty();
    assertThat(find(tx -> tx.invitations().findByTokenHash(m008Cancelled.tokenHash()))).contains(m008Cancelled);
    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("m007@acme.test")))).contains(m007Expired);
  }

  @Test
  void the_text_filter_takes_percent_and_underscore_literally() {
    member(acme, account("u_01@acme.test"), Role.MEMBER);
    member(acme, account("ux01@acme.test"), Role.MEMBER);
    member(acme, account("p100%x@acme.test"), Role.MEMBER);

    assertThat(emails(MemberQuery.all().withText("u_0"))).containsExactly("u_01@acme.test");
    assertThat(emails(MemberQuery.all().withText("0%"))).containsExactly("p100%x@acme.test");
  }

  @Test
  void organisation_search_takes_percent_and_underscore_literally() {
    organisation("acme_labs");
    organisation("acmexlabs");
    organisation("100% acme");

    assertThat(list(tx -> tx.reads().searchOrganisations("acme_", PageRequest.first()).items()))
        .extracting(Organisation::name).containsExactly("acme_labs");
    assertThat(list(tx -> tx.reads().searchOrganisations("0%", PageRequest.first()).items()))
        .extracting(Organisation::name).containsExactly("100% acme");
  }
}
