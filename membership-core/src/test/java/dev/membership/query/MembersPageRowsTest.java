package dev.membership.query;

import dev.membership.domain.CredentialState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Organisation;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.TokenHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MembersPageRowsTest {
  private static final Instant NOW = Instant.parse("2026-08-01T10:00:00Z");
  private static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
  private static final Organisation ACME = Organisation.create("Acme", NOW);

  @Test
  void an_admin_created_member_who_never_signed_in_shows_as_created_by_admin() {
    Account bo = Account.createdByAdmin(EmailAddress.of("bo@acme.test"), "Bo", HASH, ACME.id(), NOW.plus(Duration.ofDays(7)), NOW);
    Membership membership = member(bo.id(), MembershipOrigin.CREATED_BY_ADMIN);

    MemberRow row = new MemberRow.Member(membership, AccountSummary.of(bo), Role.MEMBER);

    assertThat(row.badge()).isEqualTo(MemberBadge.CREATED_BY_ADMIN);
    assertThat(row.email()).isEqualTo(EmailAddress.of("bo@acme.test"));
  }

  @Test
  void after_the_first_sign_in_an_admin_created_member_shows_as_active() {
    Account bo = Account.createdByAdmin(EmailAddress.of("bo@acme.test"), "Bo", HASH, ACME.id(), NOW.plus(Duration.ofDays(7)), NOW)
        .signedInAt(NOW.plusSeconds(60));

    MemberRow row = new MemberRow.Member(member(bo.id(), MembershipOrigin.CREATED_BY_ADMIN), AccountSummary.of(bo), Role.MEMBER);

    assertThat(row.badge()).isEqualTo(MemberBadge.ACTIVE);
  }

  @Test
  void an_invited_member_who_never_signed_in_still_shows_as_active() {
    Account ana = Account.registered(EmailAddress.of("ana@acme.test"), "Ana", HASH, NOW);

    MemberRow row = new MemberRow.Member(member(ana.id(), MembershipOrigin.INVITATION), AccountSummary.of(ana), Role.ADMIN);

    assertThat(row.badge()).isEqualTo(MemberBadge.ACTIVE);
  }

  @Test
  void a_deactivated_member_shows_as_deactivated_and_a_removed_one_as_removed() {
    Account ana = Account.registered(EmailAddress.of("ana@acme.test"), "Ana", HASH, NOW);
    Membership active = member(ana.id(), MembershipOrigin.CREATED_BY_ADMIN);

    assertThat(new MemberRow.Member(active.deactivate(NOW), AccountSummary.of(ana), Role.MEMBER).badge())
        .isEqualTo(MemberBadge.DEACTIVATED);
    assertThat(new MemberRow.Member(active.remove(NOW), AccountSummary.of(ana), Role.MEMBER).badge())
        .isEqualTo(MemberBadge.REMOVED);
  }

  @Test
  void a_pending_invitation_shows_as_pending_under_the_invited_address() {
    Invitation invitation = Invitation.issue(ACME.id(), EmailAddress.of("cy@acme.test"), Role.MEMBER.id(), Set.of(),
        TokenHash.of("t"), NOW.plus(Duration.ofDays(7)), AccountId.random(), Optional.empty(), NOW);

    MemberRow row = new MemberRow.Invited(invitation, Role.MEMBER, false);

    assertThat(row.badge()).isEqualTo(MemberBadge.PENDING);
    assertThat(new MemberRow.Invited(invitation, Role.MEMBER, true).badge()).isEqualTo(MemberBadge.EXPIRED);
    assertThat(row.email()).isEqualTo(EmailAddress.of("cy@acme.test"));
    assertThat(row.role()).isEqualTo(Role.MEMBER);
  }

  @Test
  void the_default_members_query_shows_everything_but_removed_members() {
    MemberQuery query = MemberQuery.all();

    assertThat(query.badges()).containsExactlyInAnyOrder(
        MemberBadge.PENDING, MemberBadge.EXPIRED, MemberBadge.ACTIVE, MemberBadge.CREATED_BY_ADMIN, MemberBadge.DEACTIVATED);
    assertThat(query.includesInvitations()).isTrue();
    assertThat(query.page()).isEqualTo(PageRequest.first());
  }

  @Test
  void filtering_on_deactivated_members_leaves_invitations_out() {
    MemberQuery query = MemberQuery.all().withBadges(MemberBadge.DEACTIVATED);

    assertThat(query.badges()).containsExactly(MemberBadge.DEACTIVATED);
    assertThat(query.includesInvitations()).isFalse();
  }

  @Test
  void a_blank_search_text_means_no_text_filter_and_a_padded_one_is_trimmed() {
    assertThat(MemberQuery.all().withText("   ").text()).isEmpty();
    assertThat(MemberQuery.all().withText("  ana ").text()).contains("ana");
  }

  @Test
  void a_deactivated_member_is_allowed_nothing_even_with_an_admin_role() {
    Membership admin = Membership.start(ACME.id(), AccountId.random(), Role.ADMIN.id(), Set.of(), MembershipOrigin.INVITATION, NOW);

    MemberAccess active = new MemberAccess(ACME, admin, Role.ADMIN, CredentialState.PERSONAL);
    MemberAccess deactivated = new MemberAccess(ACME, admin.deactivate(NOW), Role.ADMIN, CredentialState.PERSONAL);

    assertThat(active.allows(Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(deactivated.isEffective()).isFalse();
    assertThat(deactivated.allows(Permission.VIEW_MEMBERS)).isFalse();
  }

  @Test
  void nobody_is_allowed_anything_in_a_deleted_organisation() {
    Membership owner = Membership.start(ACME.id(), AccountId.random(), Role.OWNER.id(), Set.of(), MembershipOrigin.FOUNDER, NOW);

    MemberAccess access = new MemberAccess(ACME.delete(), owner, Role.OWNER, CredentialState.PERSONAL);

    assertThat(access.allows(Permission.VIEW_MEMBERS)).isFalse();
    assertThat(access.allows(Permission.DELETE_ORGANISATION)).isFalse();
  }

  @Test
  void the_header_shows_the_admin_badge_only_for_an_active_administrator() {
    Membership admin = Membership.start(ACME.id(), AccountId.random(), Role.ADMIN.id(), Set.of(), MembershipOrigin.INVITATION, NOW);

    assertThat(new AccountOrganisation(ACME, admin, Role.ADMIN).isAdministrator()).isTrue();
    assertThat(new AccountOrganisation(ACME, admin.deactivate(NOW), Role.ADMIN).isAdministrator()).isFalse();
    assertThat(new AccountOrganisation(ACME, admin.withRole(Role.MEMBER.id(), NOW), Role.MEMBER).isAdministrator()).isFalse();
    assertThat(new AccountOrganisation(ACME, admin, Role.custom(ACME.id(), "Lead", Set.of(Permission.MANAGE_MEMBERS)))
        .isAdministrator()).isTrue();
  }

  private static Membership member(AccountId account, MembershipOrigin origin) {
    return Membership.start(ACME.id(), account, Role.MEMBER.id(), Set.of(), origin, NOW);
  }
}
