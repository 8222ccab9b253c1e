package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.BulkInvitationResult;
import dev.membership.BulkInvitationResult.Invited;
import dev.membership.BulkInvitationResult.Refused;
import dev.membership.BulkInvitationResult.Withheld;
import dev.membership.MembershipPolicy;
import dev.membership.command.BulkInvite;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: {@code invitations().inviteAll}, many addresses in one call, each with its own outcome,
 * one transaction per address or all-or-nothing.
 */
public abstract class BulkInvitationsContract extends StoreContractSupport {

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins(1).withMembers("mo@acme.test").create();
  }

  private static Invite member(String email) {
    return Invite.of(email, Role.MEMBER);
  }

  /** The invitations sent to addresses outside the fixture's (whose members joined by invitation). */
  private List<AuditEvent> sent(OrganisationFixture org) {
    return membership().audit().list(org.owner(), org.id(), PageRequest.first(200)).items().stream()
        .filter(e -> e.action() == AuditAction.INVITATION_SENT && e.subject().endsWith("@mail.test")).toList();
  }

  private boolean pending(OrganisationId organisation, String address) {
    return find(tx -> tx.invitations().findPending(organisation, email(address))).isPresent();
  }

  @Test
  void inviting_many_addresses_sends_each_its_own_invitation_and_answers_each_outcome_in_its_place() {
    OrganisationFixture acme = acme();

    BulkInvitationResult result = membership().invitations().inviteAll(acme.owner(), acme.id(), BulkInvite.each(List.of(
        member("ana@mail.test"), member("not an address"), Invite.of("bo@mail.test", Role.ADMIN),
        member("mo@acme.test"), member("ANA@mail.test"), member("cy@mail.test"))));

    assertThat(result.outcomes()).extracting(o -> o.getClass().getSimpleName())
        .containsExactly("Invited", "Refused", "Invited", "Refused", "Refused", "Invited");
    assertThat(result.outcomes()).extracting(BulkInvitationResult.Outcome::index).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat((Refused) result.outcomes().get(1)).satisfies(r -> {
      assertThat(r.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(r.fields()).extracting(FieldViolation::field).containsExactly("invitations[1].email");
    });
    assertThat(((Refused) result.outcomes().get(3)).code()).isEqualTo(ErrorCode.ALREADY_MEMBER);
    assertThat((Refused) result.outcomes().get(4)).satisfies(r -> {
      assertThat(r.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(r.fields()).singleElement().satisfies(f -> {
        assertThat(f.field()).isEqualTo("invitations[4].email");
        assertThat(f.code()).isEqualTo("duplicate");
      });
    });
    assertThat(((Invited) result.outcomes().get(2)).invitation().roleId()).isEqualTo(Role.ADMIN.id());
    for (String address : List.of("ana@mail.test", "bo@mail.test", "cy@mail.test")) {
      assertThat(pending(acme.id(), address)).as(address).isTrue();
      assertThat(kit().mailbox().deliveredTo(address, NotificationType.INVITATION)).as(address).hasSize(1);
    }
    assertThat(kit().mailbox().deliveredTo("mo@acme.test", NotificationType.INVITATION)).hasSize(1); // the fixture's
    assertThat(sent(acme)).extracting(AuditEvent::subject)
        .containsExactlyInAnyOrder("ana@mail.test", "bo@mail.test", "cy@mail.test");
  }

  @Test
  void all_or_nothing_writes_nothing_and_sends_nothing_when_one_address_is_refused() {
    OrganisationFixture acme = acme();
    int mails = kit().mailbox().delivered().size();

    BulkInvitationResult result = membership().invitations().inviteAll(acme.owner(), acme.id(), BulkInvite.allOrNothing(
        List.of(member("ana@mail.test"), member("mo@acme.test"), member("bo@mail.test"))));

    assertThat(result.outcomes().get(0)).isInstanceOf(Withheld.class);
    assertThat(result.outcomes().get(1)).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.code()).isEqualTo(ErrorCode.ALREADY_MEMBER));
    assertThat(result.outcomes().get(2)).isInstanceOf(Withheld.class);
    assertThat(result.invited()).isEmpty();
    assertThat(pending(acme.id(), "ana@mail.test")).isFalse();
    assertThat(pending(acme.id(), "bo@mail.test")).isFalse();
    assertThat(kit().mailbox().delivered()).hasSize(mails);
    assertThat(sent(acme)).isEmpty();
  }

  @Test
  void all_or_nothing_refuses_a_malformed_address_without_writing_the_others() {
    OrganisationFixture acme = acme();

    BulkInvitationResult result = membership().invitations().inviteAll(acme.owner(), acme.id(),
        BulkInvite.allOrNothing(List.of(member("ana@mail.test"), member("@@"))));

    assertThat(result.outcomes()).extracting(o -> o.getClass().getSimpleName()).containsExactly("Withheld", "Refused");
    assertThat(pending(acme.id(), "ana@mail.test")).isFalse();
  }

  @Test
  void all_or_nothing_invites_everyone_when_no_address_is_refused() {
    OrganisationFixture acme = acme();

    BulkInvitationResult result = membership().invitations().inviteAll(acme.owner(), acme.id(),
        BulkInvite.allOrNothing(List.of(member("ana@mail.test"), member("bo@mail.test"))));

    assertThat(result.allInvited()).isTrue();
    assertThat(pending(acme.id(), "ana@mail.test")).isTrue();
    assertThat(pending(acme.id(), "bo@mail.test")).isTrue();
    assertThat(kit().mailbox().deliveredTo("bo@mail.test", NotificationType.INVITATION)).hasSize(1);
    assertThat(sent(acme)).hasSize(2);
  }

  @Test
  void the_seat_limit_refuses_only_the_addresses_past_the_last_seat_or_everything_when_all_or_nothing() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD").withSeats(2));
    List<Invite> three = List.of(member("a@mail.test").withAccess("cad"), member("b@mail.test").withAccess("cad"),
        member("c@mail.test").withAccess("cad"));

    BulkInvitationResult all = membership().invitations().inviteAll(acme.owner(), acme.id(), BulkInvite.allOrNothing(three));
    assertThat(all.outcomes()).extracting(o -> o.getClass().getSimpleName()).containsExactly("Withheld", "Withheld", "Refused");
    assertThat(all.refused()).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.SEAT_LIMIT_REACHED));
    assertThat(pending(acme.id(), "a@mail.test")).isFalse();

    BulkInvitationResult each = membership().invitations().inviteAll(acme.owner(), acme.id(), BulkInvite.each(three));
    assertThat(each.outcomes()).extracting(o -> o.getClass().getSimpleName()).containsExactly("Invited", "Invited", "Refused");
    assertThat(each.refused()).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.SEAT_LIMIT_REACHED));
    assertThat(pending(acme.id(), "c@mail.test")).isFalse();
  }

  @Test
  void each_address_counts_towards_the_daily_invitation_limit() {
    TestMembership kit = TestMembership.on(store(), MembershipPolicy.defaults().withInvitationsPerDay(2));
    OrganisationFixture acme = kit.organisation("Acme").create();

    BulkInvitationResult result = kit.membership().invitations().inviteAll(acme.owner(), acme.id(),
        BulkInvite.each(List.of(member("a@mail.test"), member("b@mail.test"), member("c@mail.test"))));

    assertThat(result.outcomes()).extracting(o -> o.getClass().getSimpleName()).containsExactly("Invited", "Invited", "Refused");
    assertThat(result.refused()).singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo(ErrorCode.INVITATION_LIMIT_REACHED));
  }

  @Test
  void more_addresses_than_the_policy_allows_is_refused_as_a_whole_naming_the_field() {
    TestMembership kit = TestMembership.on(store(), MembershipPolicy.defaults().withBulkInvitationLimit(3));
    OrganisationFixture acme = kit.organisation("Acme").create();
    List<Invite> four = IntStream.range(0, 4).mapToObj(i -> member("p" + i + "@mail.test")).toList();

    assertThatThrownBy(() -> kit.membership().invitations().inviteAll(acme.owner(), acme.id(), BulkInvite.each(four)))
        .isInstanceOfSatisfying(MembershipException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("invitations");
            assertThat(f.code()).isEqualTo("too_many");
          });
        });
    assertThat(pending(acme.id(), "p0@mail.test")).isFalse();
    assertThat(MembershipPolicy.defaults().bulkInvitationLimit()).isEqualTo(100);
  }

  @Test
  void a_member_who_may_not_manage_members_cannot_invite_many_and_nothing_is_written() {
    OrganisationFixture acme = acme();

    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().invitations().inviteAll(
        acme.account("mo@acme.test"), acme.id(), BulkInvite.each(List.of(member("ana@mail.test")))));
    assertThat(pending(acme.id(), "ana@mail.test")).isFalse();
  }

  @Test
  void an_admin_cannot_give_the_owner_role_through_a_bulk_invitation() {
    OrganisationFixture acme = acme();

    BulkInvitationResult result = membership().invitations().inviteAll(acme.admins().get(0), acme.id(),
        BulkInvite.each(List.of(Invite.of("ana@mail.test", Role.OWNER), member("bo@mail.test"))));

    assertThat(result.outcomes().get(0)).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    assertThat(result.outcomes().get(1)).isInstanceOf(Invited.class);
  }

  @Test
  void a_bulk_invitation_racing_a_single_invitation_of_the_same_address_sends_it_one_invitation() {
    OrganisationFixture acme = acme();
    for (BulkInvite.Mode mode : BulkInvite.Mode.values()) {
      for (int round = 0; round < 3; round++) {
        String contested = mode.name().toLowerCase() + round + "@mail.test";
        String other = "other-" + contested;
        List<Callable<Object>> both = List.of(
            () -> membership().invitations().inviteAll(acme.owner(), acme.id(),
                new BulkInvite(List.of(member(other), member(contested)), mode)),
            () -> {
              try {
                return membership().invitations().invite(acme.owner(), acme.id(), member(contested));
              } catch (MembershipException e) {
                return e.code();
              }
            });

        List<Object> results = Races.race(both);

        BulkInvitationResult bulk = (BulkInvitationResult) results.get(0);
        boolean singleWon = !(results.get(1) instanceof ErrorCode);
        if (singleWon) {
          assertThat(bulk.outcomes().get(1)).isInstanceOfSatisfying(Refused.class,
              r -> assertThat(r.code()).isEqualTo(ErrorCode.INVITATION_ALREADY_PENDING));
        } else {
          assertThat(results.get(1)).isEqualTo(ErrorCode.INVITATION_ALREADY_PENDING);
          assertThat(bulk.outcomes().get(1)).isInstanceOf(Invited.class);
        }
        assertThat(pending(acme.id(), contested)).isTrue();
        assertThat(kit().mailbox().deliveredTo(contested, NotificationType.INVITATION)).as(contested).hasSize(1);
        // Each-on-its-own: the other address is invited whoever won; all-or-nothing: only if the bulk won.
        assertThat(pending(acme.id(), other)).isEqualTo(mode == BulkInvite.Mode.EACH_ON_ITS_OWN || !singleWon);
      }
    }
  }

  @Test
  void an_empty_list_is_refused_naming_the_field() {
    OrganisationFixture acme = acme();
    List<Invite> none = new ArrayList<>();

    assertThatThrownBy(() -> membership().invitations().inviteAll(acme.owner(), acme.id(), BulkInvite.each(none)))
        .isInstanceOfSatisfying(MembershipException.class,
            e -> assertThat(e.fields()).extracting(FieldViolation::code).containsExactly("empty"));
  }
}
