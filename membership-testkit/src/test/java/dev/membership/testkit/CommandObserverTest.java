package dev.membership.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.command.BulkInvite;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.error.PermissionDeniedException;
import dev.membership.spi.CommandObserver;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a host's {@link CommandObserver} hears: each command's name and outcome, nothing about whom. */
class CommandObserverTest {
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final RecordingNotificationSender mailbox = new RecordingNotificationSender();
  private final Memberships membership = Memberships.builder()
      .store(new InMemoryMembershipStore())
      .passwordHasher(new FastTestPasswordHasher())
      .notifications(mailbox)
      .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
      .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token))
      .observer(command -> {
        heard.add("start " + command);
        return (outcome, error) -> heard.add("end " + command + " " + outcome);
      })
      .build();

  {
    mailbox.awaitingDeliveriesOf(membership);
  }

  private AccountId account(String email) {
    membership.accounts().register(Registration.of(email, "Ann", TestMembership.PASSWORD));
    return membership.accounts().verifyEmail(mailbox.lastVerificationTokenTo(email),
        Password.of(TestMembership.PASSWORD)).id();
  }

  @Test
  void each_command_is_heard_by_its_name_with_ok_and_the_outbox_work_after_it_is_not() {
    AccountId ann = account("ann@example.com");
    var acme = membership.organisations().create(ann, "Acme");
    heard.clear();

    membership.invitations().invite(ann, acme.id(), Invite.of("bob@example.com", Role.MEMBER));

    assertThat(heard).containsExactly("start invitations.invite", "end invitations.invite OK");
    assertThat(mailbox.deliveredTo("bob@example.com")).isNotEmpty();
  }

  @Test
  void a_refused_command_is_heard_with_its_error_code_and_no_identifier() {
    AccountId ann = account("ann@example.com");
    AccountId eve = account("eve@example.com");
    var acme = membership.organisations().create(ann, "Acme");
    heard.clear();

    assertThatThrownBy(() -> membership.organisations().rename(eve, acme.id(), "Evil"))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(heard).containsExactly("start organisations.rename", "end organisations.rename PERMISSION_DENIED");
    assertThat(String.join(" ", heard)).doesNotContain(acme.id().toString(), eve.toString(), "eve@");
  }

  @Test
  void a_sign_in_is_heard_once_whole_with_the_kind_of_its_answer() {
    account("ann@example.com");
    heard.clear();

    membership.accounts().signIn("ann@example.com", Password.of(TestMembership.PASSWORD), "203.0.113.7");
    membership.accounts().signIn("ann@example.com", Password.of("wrong wrong wrong wrong"), "203.0.113.7");
    membership.accounts().signIn("nobody@example.com", Password.of("wrong wrong wrong wrong"));

    assertThat(heard).containsExactly(
        "start accounts.signIn", "end accounts.signIn SIGNED_IN",
        "start accounts.signIn", "end accounts.signIn FAILED",
        "start accounts.signIn", "end accounts.signIn FAILED");
  }

  @Test
  void an_observer_that_throws_never_fails_the_command() {
    Memberships failing = Memberships.builder()
        .store(new InMemoryMembershipStore())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .observer(command -> (outcome, error) -> {
          throw new IllegalStateException("observer broke");
        })
        .build();

    assertThat(failing.accounts().signIn("nobody@example.com", Password.of("wrong wrong wrong wrong")))
        .isNotNull();
  }

  /** A bulk invitation is heard as one command, however many transactions it runs. */
  @Test
  void a_bulk_invitation_is_heard_once_ok_when_all_were_sent_and_refused_in_part_otherwise() {
    AccountId ann = account("ann@example.com");
    var acme = membership.organisations().create(ann, "Acme");
    heard.clear();

    membership.invitations().inviteAll(ann, acme.id(), BulkInvite.each(List.of(
        Invite.of("bob@example.com", Role.MEMBER), Invite.of("cy@example.com", Role.MEMBER))));
    membership.invitations().inviteAll(ann, acme.id(), BulkInvite.allOrNothing(List.of(
        Invite.of("dan@example.com", Role.MEMBER), Invite.of("ann@example.com", Role.MEMBER))));

    assertThat(heard).containsExactly(
        "start invitations.inviteAll", "end invitations.inviteAll OK",
        "start invitations.inviteAll", "end invitations.inviteAll REFUSED_IN_PART");
  }
}
