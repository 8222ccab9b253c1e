package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.JoinRequestView;
import dev.membership.MembershipPolicy;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour: request to join, approve, deny, withdraw. */
public abstract class JoinRequestsContract extends StoreContractSupport {

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins(1).withMembers(1).create();
  }

  private JoinRequest ask(AccountId account, OrganisationFixture org) {
    return membership().joinRequests().request(account, org.id(), Optional.of("I work in the sales team"));
  }

  @Test
  void asking_to_join_notifies_every_member_who_may_review_requests() {
    OrganisationFixture acme = acme();
    Role reviewer = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Reviewer", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS));
    kit().join(acme.id(), acme.owner(), "rita@acme.test", reviewer);
    AccountId pat = kit().account("pat@x.test", "Pat");

    JoinRequest request = ask(pat, acme);

    for (String reviewerEmail : new String[] {"owner@acme.test", "admin1@acme.test", "rita@acme.test"}) {
      assertThat(kit().mailbox().deliveredTo(reviewerEmail, NotificationType.JOIN_REQUEST_RECEIVED)).singleElement()
          .satisfies(mail -> {
            assertThat(mail.get("requesterEmail")).isEqualTo("pat@x.test");
            assertThat(mail.get("message")).isEqualTo("I work in the sales team");
          });
    }
    assertThat(kit().mailbox().deliveredTo("member1@acme.test", NotificationType.JOIN_REQUEST_RECEIVED)).isEmpty();
    assertThat(membership().joinRequests().list(acme.admins().getFirst(), acme.id(), Set.of(JoinRequestStatus.PENDING),
        PageRequest.first()).items()).singleElement().satisfies(view -> {
          assertThat(view.request().id()).isEqualTo(request.id());
          assertThat(view.request().message()).contains("I work in the sales team");
          assertThat(view.requester().email().value()).isEqualTo("pat@x.test");
          assertThat(view.requester().displayName()).isEqualTo("Pat");
        });
  }

  @Test
  void approving_sends_the_requester_an_invitation_and_accepting_it_makes_a_member_from_a_join_request() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    JoinRequest request = ask(pat, acme);

    Invitation invitation = membership().joinRequests().approve(acme.admins().getFirst(), acme.id(), request.id());

    assertThat(invitation.joinRequestId()).contains(request.id());
    assertThat(kit().mailbox().deliveredTo("pat@x.test", NotificationType.INVITATION)).hasSize(1);
    assertThat(membership().members().list(acme.owner(), acme.id(),
        MemberQuery.all().withOrigins(MembershipOrigin.JOIN_REQUEST)).items()).singleElement()
        .satisfies(row -> assertThat(row.badge()).isEqualTo(MemberBadge.PENDING));
    Membership joined = membership().invitations().accept(pat, kit().invitationTokenTo("pat@x.test"));
    assertThat(joined.origin()).isEqualTo(MembershipOrigin.JOIN_REQUEST);
    assertThat(joined.roleId()).isEqualTo(Role.MEMBER.id());
    assertThat(membership().access().has(pat, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(membership().joinRequests().list(acme.owner(), acme.id(), Set.of(), PageRequest.first()).items())
        .extracting(view -> view.request().status()).containsExactly(JoinRequestStatus.APPROVED);
  }

  @Test
  void approving_with_a_role_invites_the_requester_as_that_role() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    JoinRequest request = ask(pat, acme);

    membership().joinRequests().approve(acme.owner(), acme.id(), request.id(), Role.ADMIN.id());
    membership().invitations().accept(pat, kit().invitationTokenTo("pat@x.test"));

    assertThat(membership().access().has(pat, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
  }

  @Test
  void denying_changes_nothing_else_and_sends_nothing() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    JoinRequest request = ask(pat, acme);
    kit().mailbox().clear();

    JoinRequest denied = membership().joinRequests().deny(acme.owner(), acme.id(), request.id());

    assertThat(denied.status()).isEqualTo(JoinRequestStatus.DENIED);
    assertThat(kit().mailbox().delivered()).isEmpty();
    assertThat(membership().access().permissions(pat, acme.id())).isEmpty();
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("pat@")).items()).isEmpty();
    assertThat(membership().outbox().deliverDue()).isZero();
  }

  @Test
  void a_denied_person_may_ask_again_after_the_cooldown() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    membership().joinRequests().deny(acme.owner(), acme.id(), ask(pat, acme).id());
    assertFailsWith(ErrorCode.JOIN_REQUEST_COOLDOWN, () -> ask(pat, acme));

    kit().clock().advance(MembershipPolicy.DEFAULT_JOIN_REQUEST_COOLDOWN.plusSeconds(1));
    JoinRequest again = ask(pat, acme);

    assertThat(again.status()).isEqualTo(JoinRequestStatus.PENDING);
  }

  @Test
  void request_withdraw_request_fifty_times_emails_the_reviewers_once_then_is_refused_with_a_cooldown() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    kit().mailbox().clear();
    int refused = 0;
    for (int cycle = 0; cycle < 50; cycle++) {
      try {
        membership().joinRequests().withdraw(pat, ask(pat, acme).id());
      } catch (MembershipException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.JOIN_REQUEST_COOLDOWN);
        refused++;
      }
    }

    assertThat(refused).isEqualTo(49);
    assertThat(kit().mailbox().deliveredTo(acme.ownerEmail(), NotificationType.JOIN_REQUEST_RECEIVED)).hasSize(1);
  }

  @Test
  void one_account_asking_one_organisation_after_another_is_capped_per_day() {
    AccountId pat = kit().account("pat@x.test");
    for (int i = 0; i < MembershipPolicy.DEFAULT_JOIN_REQUESTS_PER_DAY; i++) {
      membership().joinRequests().request(pat, kit().organisation("Org " + i).create().id(), Optional.empty());
    }
    OrganisationFixture oneMore = kit().organisation("One more").create();

    assertFailsWith(ErrorCode.JOIN_REQUEST_LIMIT_REACHED,
        () -> membership().joinRequests().request(pat, oneMore.id(), Optional.empty()));
    assertThat(kit().mailbox().deliveredTo(oneMore.ownerEmail(), NotificationType.JOIN_REQUEST_RECEIVED)).isEmpty();

    kit().clock().advance(Duration.ofDays(1).plusSeconds(1));
    assertThat(membership().joinRequests().request(pat, oneMore.id(), Optional.empty()).status())
        .isEqualTo(JoinRequestStatus.PENDING);
  }

  @Test
  void the_requester_may_withdraw_a_pending_request() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    JoinRequest request = ask(pat, acme);

    membership().joinRequests().withdraw(pat, request.id());

    assertThat(membership().joinRequests().list(acme.owner(), acme.id(), Set.of(JoinRequestStatus.PENDING),
        PageRequest.first()).items()).isEmpty();
    assertFailsWith(ErrorCode.JOIN_REQUEST_WITHDRAWN,
        () -> membership().joinRequests().approve(acme.owner(), acme.id(), request.id()));
    assertFailsWith(ErrorCode.JOIN_REQUEST_WITHDRAWN,
        () -> membership().joinRequests().deny(acme.owner(), acme.id(), request.id()));
    assertFailsWith(ErrorCode.JOIN_REQUEST_WITHDRAWN, () -> membership().joinRequests().withdraw(pat, request.id()));
    assertThat(kit().mailbox().deliveredTo("pat@x.test", NotificationType.INVITATION)).isEmpty();
  }

  @Test
  void approving_denying_or_withdrawing_an_answered_request_is_refused_as_already_answered() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    AccountId quinn = kit().account("quinn@x.test");
    JoinRequest approved = ask(pat, acme);
    JoinRequest denied = ask(quinn, acme);
    membership().joinRequests().approve(acme.owner(), acme.id(), approved.id());
    membership().joinRequests().deny(acme.owner(), acme.id(), denied.id());

    for (JoinRequest answered : List.of(approved, denied)) {
      assertFailsWith(ErrorCode.JOIN_REQUEST_ALREADY_ANSWERED,
          () -> membership().joinRequests().approve(acme.owner(), acme.id(), answered.id()));
      assertFailsWith(ErrorCode.JOIN_REQUEST_ALREADY_ANSWERED,
          () -> membership().joinRequests().deny(acme.owner(), acme.id(), answered.id()));
      assertFailsWith(ErrorCode.JOIN_REQUEST_ALREADY_ANSWERED,
          () -> membership().joinRequests().withdraw(answered.accountId(), answered.id()));
    }
    assertThat(kit().mailbox().deliveredTo("pat@x.test", NotificationType.INVITATION)).hasSize(1);
    assertThat(kit().mailbox().deliveredTo("quinn@x.test", NotificationType.INVITATION)).isEmpty();
  }

  @Test
  void only_one_request_per_person_and_organisation_is_pending() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    ask(pat, acme);

    assertFailsWith(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, () -> ask(pat, acme));

    assertThat(membership().joinRequests().list(acme.owner(), acme.id(), Set.of(), PageRequest.first()).items())
        .extracting(JoinRequestView::requester).hasSize(1);
  }

  @Test
  void a_member_cannot_ask_to_join_their_own_organisation() {
    OrganisationFixture acme = acme();

    assertFailsWith(ErrorCode.ALREADY_MEMBER, () -> ask(acme.members().getFirst(), acme));
  }

  @Test
  void a_plain_member_may_not_review_requests() {
    OrganisationFixture acme = acme();
    JoinRequest request = ask(kit().account("pat@x.test"), acme);

    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().joinRequests().approve(acme.members().getFirst(), acme.id(), request.id()));
    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().joinRequests().list(acme.members().getFirst(), acme.id(), Set.of(), PageRequest.first()));
  }

  @Test
  void requests_to_join_are_listed_oldest_first_across_pages() {
    OrganisationFixture acme = acme();
    for (String email : new String[] {"r001@x.test", "r002@x.test", "r003@x.test"}) {
      ask(kit().account(email), acme);
      kit().clock().advance(Duration.ofMinutes(1));
    }

    var first = membership().joinRequests().list(acme.owner(), acme.id(), Set.of(), PageRequest.first(2));
    var second = membership().joinRequests().list(acme.owner(), acme.id(), Set.of(), PageRequest.first(2).next(first));

    assertThat(first.items()).extracting(view -> view.requester().email().value()).containsExactly("r001@x.test", "r002@x.test");
    assertThat(second.items()).extracting(view -> view.requester().email().value()).containsExactly("r003@x.test");
    assertThat(second.nextCursor()).isEmpty();
  }

  @Test
  void a_new_person_who_asked_to_join_accepts_the_approval_as_any_invitee() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    JoinRequest request = ask(pat, acme);
    membership().joinRequests().approve(acme.owner(), acme.id(), request.id());

    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT, () -> membership().invitations().acceptAsNewAccount(
        kit().invitationTokenTo("pat@x.test"), NewMemberDetails.of("Pat", "a passphrase of my own")));
  }

  @Test
  void a_pending_request_is_closed_when_the_person_joins_by_another_invitation() {
    OrganisationFixture acme = acme();
    AccountId pat = kit().account("pat@x.test");
    ask(pat, acme);

    kit().join(acme.id(), acme.owner(), "pat@x.test", Role.MEMBER);

    assertThat(membership().joinRequests().list(acme.owner(), acme.id(), Set.of(JoinRequestStatus.PENDING),
        PageRequest.first()).items()).isEmpty();
    assertThat(membership().access().has(pat, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
  }
}
