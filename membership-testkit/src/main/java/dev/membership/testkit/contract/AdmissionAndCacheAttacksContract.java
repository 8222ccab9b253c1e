package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.AccessCache;
import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An outsider's attacks on the signed-in acceptance of an invitation (its checks read in one
 * statement after the organisation's lock, the invitation's guarded update sent with the last batch)
 * and on the access cache ({@code Memberships.Builder.accessCache}): a guarded update that loses its
 * race answers a typed error and leaves nothing half-written (no membership without its audit event,
 * kept counts equal to the rows), and a kept yes never answers for another organisation or beyond its
 * size. Run on the in-memory store and on H2, PostgreSQL and MariaDB.
 */
public abstract class AdmissionAndCacheAttacksContract extends StoreContractSupport {
  private static final int ROUNDS = 8;

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins("ana@acme.test").withMembers("mo@acme.test").create();
  }

  // ---- accepting while the invitation changes under it ----

  @Test
  void a_signed_in_accept_racing_a_cancel_either_joins_or_is_refused_typed_and_the_kept_counts_match_the_rows() {
    OrganisationFixture acme = acme();
    int joined = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String email = "race" + round + "@invitee.test";
      AccountId person = kit().account(email);
      Invitation invitation = membership().invitations().invite(acme.owner(), acme.id(), Invite.of(email, Role.MEMBER));
      String token = kit().invitationTokenTo(email);

      List<Optional<MembershipException>> results = Races.refusals(
          () -> membership().invitations().accept(person, token),
          () -> membership().invitations().cancel(acme.owner(), acme.id(), invitation.id()));

      String where = "round " + round;
      results.get(0).ifPresent(e -> assertThat(e.code()).as("%s: the accept that lost", where)
          .isIn(ErrorCode.INVITATION_NO_LONGER_VALID, ErrorCode.CONCURRENT_MODIFICATION));
      results.get(1).ifPresent(e -> assertThat(e.code()).as("%s: the cancel that lost", where)
          .isIn(ErrorCode.INVITATION_ALREADY_ACCEPTED, ErrorCode.CONCURRENT_MODIFICATION));
      assertThat(results.stream().filter(Optional::isEmpty).count()).as("%s: exactly one wins", where).isEqualTo(1);
      boolean accepted = results.get(0).isEmpty();
      joined += accepted ? 1 : 0;
      assertThat(membership().access().has(person, acme.id(), Permission.VIEW_MEMBERS))
          .as("%s: a member exactly when the accept won", where).isEqualTo(accepted);
    }
    assertKeptCountsMatchRows(acme, 3 + joined, 0);
    assertThat(accepted(acme)).as("one INVITATION_ACCEPTED per member who joined").isEqualTo(joined);
  }

  @Test
  void a_signed_in_accept_with_the_old_link_racing_a_resend_either_joins_or_leaves_only_the_new_link_working() {
    OrganisationFixture acme = acme();
    int joined = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String email = "resend" + round + "@invitee.test";
      AccountId person = kit().account(email);
      Invitation invitation = membership().invitations().invite(acme.owner(), acme.id(), Invite.of(email, Role.MEMBER));
      String old = kit().invitationTokenTo(email);

      List<Optional<MembershipException>> results = Races.refusals(
          () -> membership().invitations().accept(person, old),
          () -> membership().invitations().resend(acme.owner(), acme.id(), invitation.id()));

      String where = "round " + round;
      results.get(0).ifPresent(e -> assertThat(e.code()).as("%s: the accept that lost", where)
          .isIn(ErrorCode.INVITATION_NOT_FOUND, ErrorCode.INVITATION_NO_LONGER_VALID, ErrorCode.CONCURRENT_MODIFICATION));
      results.get(1).ifPresent(e -> assertThat(e.code()).as("%s: the resend that lost", where)
          .isIn(ErrorCode.INVITATION_ALREADY_ACCEPTED, ErrorCode.CONCURRENT_MODIFICATION));
      assertThat(results.stream().filter(Optional::isEmpty).count()).as("%s: exactly one wins", where).isEqualTo(1);
      if (results.get(0).isEmpty()) {
        joined++;
      } else {
        assertThat(membership().access().has(person, acme.id(), Permission.VIEW_MEMBERS)).as(where).isFalse();
        String renewed = kit().invitationTokenTo(email);
        assertThat(renewed).as("%s: the resend sent a new link", where).isNotEqualTo(old);
        membership().invitations().accept(person, renewed);
        joined++;
      }
      assertThat(membership().access().has(person, acme.id(), Permission.VIEW_MEMBERS)).as(where).isTrue();
    }
    assertKeptCountsMatchRows(acme, 3 + joined, 0);
    assertThat(accepted(acme)).isEqualTo(joined);
  }

  @Test
  void two_signed_in_accepts_of_one_link_at_once_make_one_member_one_audit_event_and_counts_off_by_nothing() {
    OrganisationFixture acme = acme();
    for (int round = 0; round < ROUNDS; round++) {
      String email = "twice" + round + "@invitee.test";
      AccountId person = kit().account(email);
      membership().invitations().invite(acme.owner(), acme.id(), Invite.of(email, Role.MEMBER));
      String token = kit().invitationTokenTo(email);

      List<Optional<MembershipException>> results = Races.refusals(
          () -> membership().invitations().accept(person, token),
          () -> membership().invitations().accept(person, token));

      String where = "round " + round;
      assertThat(results.stream().filter(Optional::isEmpty).count()).as("%s: accepts that won", where).isEqualTo(1);
      results.stream().flatMap(Optional::stream).forEach(e -> assertThat(e.code()).as(where)
          .isIn(ErrorCode.INVITATION_NO_LONGER_VALID, ErrorCode.ALREADY_MEMBER, ErrorCode.CONCURRENT_MODIFICATION));
    }
    assertKeptCountsMatchRows(acme, 3 + ROUNDS, 0);
    assertThat(accepted(acme)).isEqualTo(ROUNDS);
  }

  @Test
  void an_accept_that_lost_its_race_leaves_the_other_pending_invitations_counted() {
    OrganisationFixture acme = acme();
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("waiting@invitee.test", Role.MEMBER));
    AccountId person = kit().account("loser@invitee.test");
    Invitation invitation = membership().invitations()
        .invite(acme.owner(), acme.id(), Invite.of("loser@invitee.test", Role.MEMBER));
    String token = kit().invitationTokenTo("loser@invitee.test");
    membership().invitations().cancel(acme.owner(), acme.id(), invitation.id());

    List<Optional<MembershipException>> refused = Races.refusals(() -> membership().invitations().accept(person, token));

    assertThat(refused.get(0)).get().extracting(MembershipException::code).isEqualTo(ErrorCode.INVITATION_NO_LONGER_VALID);
    assertKeptCountsMatchRows(acme, 3, 1);
    assertThat(accepted(acme)).isZero();
  }

  @Test
  void accepting_an_invitation_while_an_admin_approves_the_same_persons_join_request_makes_one_membership() {
    OrganisationFixture acme = acme();
    for (int round = 0; round < ROUNDS; round++) {
      String email = "both" + round + "@invitee.test";
      AccountId person = kit().account(email);
      membership().invitations().invite(acme.owner(), acme.id(), Invite.of(email, Role.MEMBER));
      String token = kit().invitationTokenTo(email);
      JoinRequest request = membership().joinRequests().request(person, acme.id(), Optional.empty());

      List<Optional<MembershipException>> results = Races.refusals(
          () -> membership().invitations().accept(person, token),
          () -> membership().joinRequests().approve(acme.owner(), acme.id(), request.id()));

      String where = "round " + round;
      assertThat(results.stream().filter(Optional::isEmpty).count()).as("%s: at least one wins", where).isPositive();
      if (!membership().access().has(person, acme.id(), Permission.VIEW_MEMBERS)) {
        // The approval won and replaced or kept the invitation: the newest link still lets the person in.
        membership().invitations().accept(person, kit().invitationTokenTo(email));
      }
      assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText(email)).items())
          .as("%s: one row for the person", where).singleElement()
          .satisfies(row -> assertThat(row.badge()).isEqualTo(MemberBadge.ACTIVE));
      assertThat(membership().joinRequests().mine(person, Set.of(JoinRequestStatus.PENDING), PageRequest.first()).items())
          .as("%s: no request left pending", where).isEmpty();
    }
    assertKeptCountsMatchRows(acme, 3 + ROUNDS, 0);
    assertThat(accepted(acme)).isEqualTo(ROUNDS);
  }

  // ---- the access cache ----

  private Memberships cachedInstance(MembershipStore store, AccessCache cache) {
    return Memberships.builder()
        .store(store)
        .clock(kit().clock())
        .notifications(kit().mailbox())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .accessCache(cache)
        .build();
  }

  @Test
  void with_the_cache_a_yes_in_one_organisation_never_answers_for_the_same_account_in_another() {
    OrganisationFixture acme = acme();
    OrganisationFixture beta = kit().organisation("Beta").withMembers("ana@acme.test").create();
    AccountId ana = acme.account("ana@acme.test");
    Memberships here = cachedInstance(store(), AccessCache.of(1_000, Duration.ofMinutes(5)));

    assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(here.access().has(ana, beta.id(), Permission.MANAGE_MEMBERS)).as("a plain member in Beta").isFalse();
    assertThat(here.access().permissions(ana, beta.id())).doesNotContain(Permission.MANAGE_MEMBERS);
    assertThat(here.access().has(ana, beta.id(), Permission.VIEW_MEMBERS)).isTrue();

    here.members().remove(beta.owner(), beta.id(), beta.membership("ana@acme.test"));

    assertThat(here.access().has(ana, beta.id(), Permission.VIEW_MEMBERS)).as("removed from Beta").isFalse();
    assertThat(here.access().permissions(ana, beta.id())).isEmpty();
    assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).as("still an admin of Acme").isTrue();
  }

  @Test
  void a_cache_of_one_entry_keeps_one_access_and_reads_the_store_again_for_any_other() {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    AccountId mo = acme.account("mo@acme.test");
    CountingStore counted = new CountingStore(store());
    Memberships here = cachedInstance(counted, AccessCache.of(1, Duration.ofMinutes(5)));

    for (int i = 0; i < 3; i++) {
      assertThat(here.access().has(ana, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
      assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    }
    assertThat(counted.reads()).as("two accounts taking turns in a cache of one: every check reads").isEqualTo(6);

    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(counted.reads()).as("the one kept is used").isEqualTo(6);
  }

  // ---- helpers ----

  /** The kept counts ({@code members().counts}) against the rows the member list shows, and the expected figures. */
  private void assertKeptCountsMatchRows(OrganisationFixture org, long active, long invited) {
    MemberCounts kept = membership().members().counts(org.owner(), org.id());
    long activeRows = rows(org, MemberBadge.ACTIVE);
    long pendingRows = rows(org, MemberBadge.PENDING);
    assertThat(kept.active()).as("kept active count vs rows").isEqualTo(activeRows).isEqualTo(active);
    assertThat(kept.invited()).as("kept invited count vs rows").isEqualTo(pendingRows).isEqualTo(invited);
  }

  private long rows(OrganisationFixture org, MemberBadge badge) {
    return membership().members().list(org.owner(), org.id(),
        MemberQuery.all().withBadges(badge).withPage(PageRequest.first(200))).items().size();
  }

  /** INVITATION_ACCEPTED events beyond the fixture's own two (ana and mo joined by invitation). */
  private long accepted(OrganisationFixture org) {
    return -2 + membership().audit().listWithActors(org.owner(), org.id(), PageRequest.first(200)).items().stream()
        .filter(e -> e.event().action() == AuditAction.INVITATION_ACCEPTED).count();
  }
}
