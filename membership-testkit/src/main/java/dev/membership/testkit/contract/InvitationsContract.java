package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.InvitationPreview;
import dev.membership.MembershipPolicy;
import dev.membership.SignInResult;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberAction;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberListing;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Behaviour: invite, resend, cancel, expire, preview and accept. */
public abstract class InvitationsContract extends StoreContractSupport {
  private static final NewMemberDetails ANA = NewMemberDetails.of("Ana", "a passphrase ana chose herself");

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins(1).withMembers(1).create();
  }

  private Invitation invite(OrganisationFixture org, String email, Role role) {
    return membership().invitations().invite(org.owner(), org.id(), Invite.of(email, role));
  }

  @Test
  void inviting_makes_a_pending_invitation_and_emails_the_invitee_a_link() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));

    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.ADMIN).withAccess("analytics"));

    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING)).items())
        .singleElement().isInstanceOfSatisfying(MemberRow.Invited.class, row -> {
          assertThat(row.email().value()).isEqualTo("ana@acme.test");
          assertThat(row.role()).isEqualTo(Role.ADMIN);
          assertThat(row.invitation().grants()).containsExactly(EntitlementKey.of("analytics"));
        });
    assertThat(kit().mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).singleElement()
        .satisfies(mail -> {
          assertThat(mail.link()).hasValueSatisfying(link -> assertThat(link.toString()).startsWith(TestMembership.LINK_PREFIX));
          assertThat(mail.get("organisationName")).isEqualTo("Acme");
          assertThat(mail.get("roleName")).isEqualTo("Admin");
          assertThat(mail.get("inviterName")).isEqualTo("Owner");
        });
  }

  @Test
  void the_audit_log_and_the_members_page_do_not_tell_whether_an_invited_address_has_an_account() {
    OrganisationFixture acme = acme();
    AccountId known = kit().account("known@mail.test");
    List<String> addresses = List.of("known@mail.test", "unknown@mail.test");
    for (String address : addresses) {
      Invitation sent = invite(acme, address, Role.MEMBER);
      membership().invitations().resend(acme.owner(), acme.id(), sent.id());
      membership().invitations().cancel(acme.owner(), acme.id(), sent.id());
      invite(acme, address, Role.MEMBER);
    }
    kit().clock().advance(Duration.ofDays(8));
    for (String address : addresses) {
      invite(acme, address, Role.MEMBER); // over the expired one: INVITATION_EXPIRED, then INVITATION_SENT
    }
    List<AuditEvent> log = walk(50, page -> membership().audit().list(acme.admins().getFirst(), acme.id(), page));
    List<MemberListing> rows = membership().members().listWithActions(acme.admins().getFirst(), acme.id(),
        MemberQuery.all().withBadges(MemberBadge.PENDING)).items();

    List<AuditEvent> aboutKnown = log.stream().filter(e -> e.subject().equals("known@mail.test")).toList();
    List<AuditEvent> aboutUnknown = log.stream().filter(e -> e.subject().equals("unknown@mail.test")).toList();
    assertThat(aboutKnown).extracting(AuditEvent::action).containsExactly(AuditAction.INVITATION_SENT,
        AuditAction.INVITATION_EXPIRED, AuditAction.INVITATION_SENT, AuditAction.INVITATION_CANCELLED,
        AuditAction.INVITATION_RESENT, AuditAction.INVITATION_SENT);
    assertThat(aboutUnknown).extracting(AuditEvent::action)
        .containsExactlyElementsOf(aboutKnown.stream().map(AuditEvent::action).toList());
    assertThat(aboutKnown).as("no subject account on an invitation not yet accepted")
        .allSatisfy(e -> assertThat(e.subjectAccount()).isEmpty());
    assertThat(aboutUnknown).allSatisfy(e -> assertThat(e.subjectAccount()).isEmpty());
    assertThat(aboutKnown).extracting(AuditEvent::details)
        .containsExactlyElementsOf(aboutUnknown.stream().map(AuditEvent::details).toList());
    assertThat(rows).hasSize(2).allSatisfy(listing -> {
      assertThat(listing.row()).isInstanceOf(MemberRow.Invited.class);
      assertThat(listing.actions()).isEqualTo(rows.getFirst().actions());
      assertThat(listing.row().badge()).isEqualTo(MemberBadge.PENDING);
    });
    assertThat(kit().mailbox().deliveredTo("known@mail.test", NotificationType.INVITATION))
        .extracting(n -> n.data().keySet())
        .containsExactlyElementsOf(kit().mailbox().deliveredTo("unknown@mail.test", NotificationType.INVITATION)
            .stream().map(n -> n.data().keySet()).toList());

    // Once accepted, the invitation names its account.
    membership().invitations().accept(known, kit().invitationTokenTo("known@mail.test"));
    assertThat(membership().audit().list(acme.owner(), acme.id(), PageRequest.first(1)).items()).singleElement()
        .satisfies(accepted -> {
          assertThat(accepted.action()).isEqualTo(AuditAction.INVITATION_ACCEPTED);
          assertThat(accepted.subjectAccount()).contains(known);
        });
  }

  @Test
  void resending_rotates_the_link_kills_the_old_one_and_renews_the_expiry() {
    OrganisationFixture acme = acme();
    Invitation invitation = invite(acme, "ana@acme.test", Role.MEMBER);
    String oldToken = kit().invitationTokenTo("ana@acme.test");
    kit().clock().advance(Duration.ofDays(3));

    Invitation resent = membership().invitations().resend(acme.owner(), acme.id(), invitation.id());

    String newToken = kit().invitationTokenTo("ana@acme.test");
    assertThat(newToken).isNotEqualTo(oldToken);
    assertThat(resent.expiresAt()).isEqualTo(kit().clock().instant().plus(Duration.ofDays(7)));
    assertThat(membership().invitations().preview(oldToken)).isEmpty();
    assertThat(membership().invitations().preview(newToken)).map(InvitationPreview::expiresAt).contains(resent.expiresAt());
    assertFailsWith(ErrorCode.INVITATION_NOT_FOUND, () -> membership().invitations().acceptAsNewAccount(oldToken, ANA));
    kit().clock().advance(Duration.ofDays(5));
    assertThat(membership().invitations().acceptAsNewAccount(newToken, ANA).membership().isActive()).isTrue();
  }

  @Test
  void cancelling_an_invitation_kills_its_link_and_takes_it_off_the_members_page() {
    OrganisationFixture acme = acme();
    Invitation invitation = invite(acme, "ana@acme.test", Role.MEMBER);
    String token = kit().invitationTokenTo("ana@acme.test");

    membership().invitations().cancel(acme.owner(), acme.id(), invitation.id());

    assertThat(membership().invitations().preview(token)).map(InvitationPreview::status).contains(InvitationStatus.CANCELLED);
    assertFailsWith(ErrorCode.INVITATION_NO_LONGER_VALID, () -> membership().invitations().acceptAsNewAccount(token, ANA));
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING)).items())
        .isEmpty();
    assertThat(membership().accounts().findByEmail("ana@acme.test")).isEmpty();
  }

  @Test
  void an_invitation_expires_after_seven_days_by_default() {
    OrganisationFixture acme = acme();
    invite(acme, "ana@acme.test", Role.MEMBER);
    String token = kit().invitationTokenTo("ana@acme.test");

    kit().clock().advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(membership().invitations().preview(token)).map(InvitationPreview::status).contains(InvitationStatus.PENDING);
    kit().clock().advance(Duration.ofSeconds(1));

    assertThat(membership().invitations().preview(token)).map(InvitationPreview::status).contains(InvitationStatus.EXPIRED);
    assertFailsWith(ErrorCode.INVITATION_EXPIRED, () -> membership().invitations().acceptAsNewAccount(token, ANA));
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING)).items())
        .isEmpty();
  }

  @Test
  void the_invitation_lifetime_is_configurable_through_the_policy() {
    TestMembership kit = TestMembership.on(store(), MembershipPolicy.defaults().withInvitationTtl(Duration.ofDays(2)));
    OrganisationFixture acme = kit.organisation("Acme").create();
    Invitation invitation = kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER));
    String token = kit.invitationTokenTo("ana@acme.test");

    kit.clock().advance(Duration.ofDays(2));

    assertThat(invitation.expiresAt()).isEqualTo(kit.clock().instant());
    assertFailsWith(ErrorCode.INVITATION_EXPIRED, () -> kit.membership().invitations().acceptAsNewAccount(token, ANA));
  }

  @Test
  void an_expired_invitation_can_be_sent_again_to_the_same_address() {
    OrganisationFixture acme = acme();
    invite(acme, "ana@acme.test", Role.MEMBER);
    kit().clock().advance(Duration.ofDays(8));

    invite(acme, "ana@acme.test", Role.ADMIN);

    AccountId ana = membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"), ANA).account().id();
    assertThat(membership().access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
  }

  @Test
  void expiry_is_read_from_the_clock_an_expired_invitation_can_be_resent_or_cancelled_until_a_new_one_replaces_it() {
    OrganisationFixture acme = acme();
    Invitation first = invite(acme, "ana@acme.test", Role.MEMBER);
    Invitation second = invite(acme, "bob@acme.test", Role.MEMBER);
    Invitation third = invite(acme, "cy@acme.test", Role.MEMBER);
    kit().clock().advance(Duration.ofDays(8));

    assertThat(membership().invitations().get(acme.owner(), acme.id(), first.id()).status())
        .as("expiry is never stored").isEqualTo(InvitationStatus.PENDING);
    assertThat(membership().invitations().resend(acme.owner(), acme.id(), first.id()).isOpenAt(kit().clock().instant()))
        .isTrue();
    assertThat(membership().invitations().cancel(acme.owner(), acme.id(), second.id()).status())
        .isEqualTo(InvitationStatus.CANCELLED);
    invite(acme, "cy@acme.test", Role.MEMBER);

    assertThat(membership().invitations().get(acme.owner(), acme.id(), third.id()).status())
        .as("the expired invitation a new one replaced is closed as cancelled").isEqualTo(InvitationStatus.CANCELLED);
    assertFailsWith(ErrorCode.INVITATION_ALREADY_CANCELLED,
        () -> membership().invitations().resend(acme.owner(), acme.id(), third.id()));
    assertFailsWith(ErrorCode.INVITATION_ALREADY_CANCELLED,
        () -> membership().invitations().cancel(acme.owner(), acme.id(), third.id()));
  }

  @Test
  void cancelling_or_resending_an_accepted_invitation_is_refused_as_already_accepted() {
    OrganisationFixture acme = acme();
    Invitation invitation = invite(acme, "ana@acme.test", Role.MEMBER);
    membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"), ANA);
    int mails = kit().mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION).size();

    assertFailsWith(ErrorCode.INVITATION_ALREADY_ACCEPTED,
        () -> membership().invitations().cancel(acme.owner(), acme.id(), invitation.id()));
    assertFailsWith(ErrorCode.INVITATION_ALREADY_ACCEPTED,
        () -> membership().invitations().resend(acme.owner(), acme.id(), invitation.id()));

    assertThat(membership().invitations().get(acme.owner(), acme.id(), invitation.id()).status())
        .isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(kit().mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).hasSize(mails);
  }

  @Test
  void cancelling_or_resending_a_cancelled_invitation_is_refused_as_already_cancelled() {
    OrganisationFixture acme = acme();
    Invitation invitation = invite(acme, "ana@acme.test", Role.MEMBER);
    membership().invitations().cancel(acme.owner(), acme.id(), invitation.id());

    assertFailsWith(ErrorCode.INVITATION_ALREADY_CANCELLED,
        () -> membership().invitations().cancel(acme.owner(), acme.id(), invitation.id()));
    assertFailsWith(ErrorCode.INVITATION_ALREADY_CANCELLED,
        () -> membership().invitations().resend(acme.owner(), acme.id(), invitation.id()));

    assertThat(kit().mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).hasSize(1);
  }

  @Test
  void previewing_an_invitation_shows_what_it_offers_and_does_not_consume_it() {
    OrganisationFixture acme = acme();
    invite(acme, "ana@acme.test", Role.ADMIN);
    String token = kit().invitationTokenTo("ana@acme.test");

    InvitationPreview first = membership().invitations().preview(token).orElseThrow();
    InvitationPreview second = membership().invitations().preview(token).orElseThrow();

    assertThat(second).isEqualTo(first);
    assertThat(first.organisationName()).isEqualTo("Acme");
    assertThat(first.email().value()).isEqualTo("ana@acme.test");
    assertThat(first.roleName()).isEqualTo("Admin");
    assertThat(first.inviterName()).isEqualTo("Owner");
    assertThat(first.accountExists()).isFalse();
    assertThat(first.canBeAccepted()).isTrue();
    assertThat(membership().invitations().acceptAsNewAccount(token, ANA).membership().isActive()).isTrue();
    assertThat(membership().invitations().preview("no-such-token")).isEmpty();
  }

  @Test
  void a_new_person_accepts_with_a_password_of_their_own_and_becomes_an_active_member() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.ADMIN).withAccess("analytics"));

    var accepted = membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"), ANA);

    Membership ana = accepted.membership();
    assertThat(ana.origin()).isEqualTo(MembershipOrigin.INVITATION);
    assertThat(ana.roleId()).isEqualTo(Role.ADMIN.id());
    assertThat(membership().access().hasEntitlement(accepted.account().id(), acme.id(), EntitlementKey.of("analytics"))).isTrue();
    assertThat(membership().accounts().signIn("ana@acme.test", Password.of("a passphrase ana chose herself")))
        .isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("ana@")).items())
        .singleElement().satisfies(row -> assertThat(row.badge()).isEqualTo(MemberBadge.ACTIVE));
  }

  @Test
  void a_person_with_an_account_accepts_while_signed_in_as_the_invited_address() {
    OrganisationFixture acme = acme();
    AccountId bob = kit().account("bob@x.test");
    invite(acme, "BOB@x.test", Role.MEMBER);
    String token = kit().invitationTokenTo("bob@x.test");

    assertThat(membership().invitations().preview(token)).map(InvitationPreview::accountExists).contains(true);
    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT, () -> membership().invitations().acceptAsNewAccount(token, ANA));
    Membership joined = membership().invitations().accept(bob, token);

    assertThat(joined.accountId()).isEqualTo(bob);
    assertThat(membership().access().has(bob, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(membership().accounts().signIn("bob@x.test", Password.of(TestMembership.PASSWORD)))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void an_accepted_invitation_link_cannot_be_used_again() {
    OrganisationFixture acme = acme();
    invite(acme, "ana@acme.test", Role.MEMBER);
    String token = kit().invitationTokenTo("ana@acme.test");
    AccountId ana = membership().invitations().acceptAsNewAccount(token, ANA).account().id();

    assertFailsWith(ErrorCode.INVITATION_NO_LONGER_VALID, () -> membership().invitations().accept(ana, token));
    assertThat(membership().invitations().preview(token)).map(InvitationPreview::status).contains(InvitationStatus.ACCEPTED);
  }

  @Test
  void accepting_tells_the_organisations_administrators_that_onboarding_completed() {
    OrganisationFixture acme = acme();
    invite(acme, "ana@acme.test", Role.MEMBER);

    membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"), ANA);

    for (String admin : new String[] {"owner@acme.test", "admin1@acme.test"}) {
      assertThat(kit().mailbox().deliveredTo(admin, NotificationType.INVITATION_ACCEPTED))
          .filteredOn(mail -> mail.get("memberEmail").equals("ana@acme.test")).singleElement()
          .satisfies(mail -> assertThat(mail.get("organisationName")).isEqualTo("Acme"));
    }
    assertThat(kit().mailbox().deliveredTo("member1@acme.test", NotificationType.INVITATION_ACCEPTED))
        .extracting(Notification::recipient).isEmpty();
  }

  @Test
  void only_one_invitation_per_address_is_pending_comparing_addresses_ignoring_case() {
    OrganisationFixture acme = acme();
    invite(acme, "ana@acme.test", Role.MEMBER);

    assertFailsWith(ErrorCode.INVITATION_ALREADY_PENDING, () -> invite(acme, "  Ana@ACME.test ", Role.ADMIN));

    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING)).items())
        .singleElement().satisfies(row -> assertThat(row.role()).isEqualTo(Role.MEMBER));
    assertThat(kit().mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).hasSize(1);
  }

  @Test
  void inviting_someone_who_is_already_a_member_is_refused_with_already_member() {
    OrganisationFixture acme = acme();

    assertFailsWith(ErrorCode.ALREADY_MEMBER, () -> invite(acme, "Member1@Acme.test", Role.ADMIN));

    assertThat(kit().mailbox().deliveredTo("member1@acme.test", NotificationType.INVITATION)).hasSize(1);
  }

  @Test
  void a_deactivated_member_is_not_invited_either() {
    OrganisationFixture acme = acme();
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("member1@acme.test"));

    assertFailsWith(ErrorCode.ALREADY_MEMBER, () -> invite(acme, "member1@acme.test", Role.MEMBER));
  }

  @Test
  void an_address_that_is_not_an_email_is_refused_naming_the_field_and_nothing_is_sent() {
    OrganisationFixture acme = acme();

    assertThatThrownBy(() -> invite(acme, "ana at acme", Role.MEMBER))
        .isInstanceOfSatisfying(MembershipException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).extracting(FieldViolation::field).containsExactly("email");
        });

    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING)).items())
        .isEmpty();
  }

  @Test
  void the_person_who_accepted_is_not_told_about_their_own_acceptance() {
    OrganisationFixture acme = acme();
    invite(acme, "ana@acme.test", Role.ADMIN);

    membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"), ANA);

    assertThat(kit().mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION_ACCEPTED)).isEmpty();
    assertThat(kit().mailbox().deliveredTo("admin1@acme.test", NotificationType.INVITATION_ACCEPTED))
        .filteredOn(mail -> mail.get("memberEmail").equals("ana@acme.test")).hasSize(1);
  }

  @Test
  void resending_an_expired_invitation_respects_the_seat_limit() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").withSeats(1));
    Invitation ana = membership().invitations().invite(acme.owner(), acme.id(),
        Invite.of("ana@acme.test", Role.MEMBER).withAccess("analytics"));
    kit().clock().advance(Duration.ofDays(8));
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("member1@acme.test"),
        EntitlementKey.of("analytics"));

    assertFailsWith(ErrorCode.SEAT_LIMIT_REACHED, () -> membership().invitations().resend(acme.owner(), acme.id(), ana.id()));

    assertThat(membership().invitations().preview(kit().invitationTokenTo("ana@acme.test")))
        .map(InvitationPreview::status).contains(InvitationStatus.EXPIRED);
  }

  @Test
  void an_invitation_past_its_expiry_shows_as_expired_with_a_resend_action_until_resent() {
    OrganisationFixture acme = acme();
    invite(acme, "late@acme.test", Role.MEMBER);
    kit().clock().advance(Duration.ofDays(8));

    assertThat(membership().members().listWithActions(acme.owner(), acme.id(), MemberQuery.all().withText("late@")).items())
        .singleElement().satisfies(listing -> {
          assertThat(listing.row().badge()).isEqualTo(MemberBadge.EXPIRED);
          assertThat(listing.actions()).contains(MemberAction.RESEND_INVITATION);
        });
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING))
        .items()).isEmpty();

    var expired = membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.EXPIRED))
        .items();
    assertThat(expired).singleElement().isInstanceOf(MemberRow.Invited.class);
    membership().invitations().resend(acme.owner(), acme.id(), ((MemberRow.Invited) expired.getFirst()).invitation().id());

    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("late@")).items())
        .extracting(MemberRow::badge).containsExactly(MemberBadge.PENDING);
  }

  @Test
  void an_invitation_is_sent_at_most_ten_times_so_nobody_can_mail_bomb_an_address() {
    OrganisationFixture acme = acme();
    Invitation invitation = invite(acme, "target@acme.test", Role.MEMBER);
    for (int send = 2; send <= 10; send++) {
      membership().invitations().resend(acme.owner(), acme.id(), invitation.id());
    }

    assertFailsWith(ErrorCode.INVITATION_SEND_LIMIT_REACHED,
        () -> membership().invitations().resend(acme.owner(), acme.id(), invitation.id()));
    assertThat(kit().mailbox().deliveredTo("target@acme.test", NotificationType.INVITATION)).hasSize(10);
  }

  @Test
  void the_201st_invitation_of_the_day_is_refused_with_invitation_limit_reached_and_writes_nothing_until_24_hours_passed() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    for (int i = 1; i <= MembershipPolicy.DEFAULT_INVITATIONS_PER_DAY; i++) {
      invite(acme, "i%03d@acme.test".formatted(i), Role.MEMBER);
    }
    var newestBefore = membership().audit().list(acme.owner(), acme.id(), PageRequest.first(1)).items();

    assertFailsWith(ErrorCode.INVITATION_LIMIT_REACHED, () -> invite(acme, "one-more@acme.test", Role.MEMBER));

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("one-more@acme.test")))).isEmpty();
    assertThat(kit().mailbox().deliveredTo("one-more@acme.test")).isEmpty();
    assertThat(membership().audit().list(acme.owner(), acme.id(), PageRequest.first(1)).items()).isEqualTo(newestBefore);
    assertThat(count(tx -> tx.outbox().countWritten(acme.id(), NotificationType.INVITATION, T0.minusSeconds(1), 1000)))
        .isEqualTo(MembershipPolicy.DEFAULT_INVITATIONS_PER_DAY);

    kit().clock().advance(Duration.ofHours(23).plusMinutes(59));
    assertFailsWith(ErrorCode.INVITATION_LIMIT_REACHED, () -> invite(acme, "one-more@acme.test", Role.MEMBER));
    kit().clock().advance(Duration.ofMinutes(1));
    assertThat(invite(acme, "one-more@acme.test", Role.MEMBER).status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(kit().mailbox().deliveredTo("one-more@acme.test", NotificationType.INVITATION)).hasSize(1);
  }

  @Test
  void resends_and_approved_join_requests_count_towards_the_daily_invitation_limit() {
    TestMembership kit = TestMembership.on(store(), MembershipPolicy.defaults().withInvitationsPerDay(3));
    OrganisationFixture acme = kit.organisation("Acme").create();
    AccountId pat = kit.account("pat@x.test");
    AccountId sam = kit.account("sam@x.test");
    var asked = kit.membership().joinRequests().request(sam, acme.id(), Optional.empty());
    Invitation toAna = kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER));
    kit.membership().invitations().resend(acme.owner(), acme.id(), toAna.id());
    kit.membership().joinRequests().approve(acme.owner(), acme.id(),
        kit.membership().joinRequests().request(pat, acme.id(), Optional.empty()).id());

    assertFailsWith(ErrorCode.INVITATION_LIMIT_REACHED,
        () -> kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("bo@acme.test", Role.MEMBER)));
    assertFailsWith(ErrorCode.INVITATION_LIMIT_REACHED,
        () -> kit.membership().invitations().resend(acme.owner(), acme.id(), toAna.id()));
    assertFailsWith(ErrorCode.INVITATION_LIMIT_REACHED,
        () -> kit.membership().joinRequests().approve(acme.owner(), acme.id(), asked.id()));

    assertThat(kit.mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).hasSize(2);
    assertThat(kit.mailbox().deliveredTo("sam@x.test", NotificationType.INVITATION)).isEmpty();
    assertThat(kit.mailbox().deliveredTo("bo@acme.test")).isEmpty();
    assertThat(find(tx -> tx.joinRequests().find(asked.id()))).hasValueSatisfying(
        r -> assertThat(r.status()).isEqualTo(JoinRequestStatus.PENDING));
    kit.clock().advance(Duration.ofDays(1));
    assertThat(kit.membership().joinRequests().approve(acme.owner(), acme.id(), asked.id()).status())
        .isEqualTo(InvitationStatus.PENDING);
  }

  @Test
  void one_organisations_daily_invitation_limit_leaves_another_organisation_free() {
    TestMembership kit = TestMembership.on(store(), MembershipPolicy.defaults().withInvitationsPerDay(1));
    OrganisationFixture acme = kit.organisation("Acme").create();
    OrganisationFixture globex = kit.organisation("Globex").create();
    kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@x.test", Role.MEMBER));

    assertFailsWith(ErrorCode.INVITATION_LIMIT_REACHED,
        () -> kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("bo@x.test", Role.MEMBER)));
    assertThat(kit.membership().invitations().invite(globex.owner(), globex.id(), Invite.of("bo@x.test", Role.MEMBER))
        .status()).isEqualTo(InvitationStatus.PENDING);
  }
}
