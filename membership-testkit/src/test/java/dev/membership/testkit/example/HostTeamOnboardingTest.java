package dev.membership.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.SignInResult;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.testkit.MembershipExtension;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The test a host team writes with the testkit, exactly as the README shows it. */
@ExtendWith(MembershipExtension.class)
class HostTeamOnboardingTest {

  @Test
  void invited_colleague_sets_a_password_and_becomes_an_active_admin(TestMembership kit) {
    var acme = kit.organisation("Acme").withAdmins(1).create();
    var membership = kit.membership();

    membership.invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.ADMIN));
    var email = kit.mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION).getFirst();
    assertThat(email.get("organisationName")).isEqualTo("Acme");

    var ana = membership.invitations()
        .acceptAsNewAccount(kit.invitationTokenTo("ana@acme.test"), NewMemberDetails.of("Ana", "a long passphrase of mine"));

    assertThat(membership.access().has(ana.account().id(), acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(kit.mailbox().deliveredTo(acme.ownerEmail(), NotificationType.INVITATION_ACCEPTED))
        .filteredOn(n -> n.get("memberEmail").equals("ana@acme.test"))
        .hasSize(1);
    var anaRow = membership.members().list(acme.owner(), acme.id(), MemberQuery.all().withText("ana@")).items();
    assertThat(anaRow).singleElement().satisfies(row -> assertThat(row.badge()).isEqualTo(MemberBadge.ACTIVE));
  }

  @Test
  void a_self_registered_person_is_one_line_and_its_first_account_event_is_heard(TestMembership kit) {
    List<MembershipEvent> heard = new ArrayList<>();
    kit.listener(heard::add);

    AccountId bo = kit.registeredAccount("bo@example.test", "Bo", "bo's long passphrase");

    assertThat(kit.membership().accounts().signIn("bo@example.test", Password.of("bo's long passphrase")))
        .isInstanceOf(SignInResult.SignedIn.class);
    assertThat(heard).singleElement().isInstanceOfSatisfying(AccountEvent.class,
        event -> assertThat(event.type()).isEqualTo(AccountEventType.EMAIL_VERIFIED));
    assertThat(kit.mailbox().deliveredTo("bo@example.test", NotificationType.VERIFY_EMAIL)).hasSize(1);
    assertThat(kit.accountOf("bo@example.test")).isEqualTo(bo);
  }

  @Test
  void invitation_link_stops_working_after_seven_days(TestMembership kit) {
    var acme = kit.organisation("Acme").withPendingInvitations("late@acme.test").create();
    String token = kit.invitationTokenTo("late@acme.test");

    kit.clock().advance(Duration.ofDays(7));

    assertThatThrownBy(() -> kit.membership().invitations().acceptAsNewAccount(token, NewMemberDetails.of("Late", "a long passphrase of mine")))
        .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_EXPIRED));
    assertThat(kit.membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING)).items())
        .isEmpty();
  }
}
