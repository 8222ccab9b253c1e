package dev.membership.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.BulkInvite;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A bulk invitation is heard as one command, however many transactions it runs. */
class BulkInvitationObserverTest {
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

  private AccountId account(String email) {
    membership.accounts().register(Registration.of(email, "Ann", TestMembership.PASSWORD));
    return membership.accounts().verifyEmail(mailbox.lastVerificationTokenTo(email),
        Password.of(TestMembership.PASSWORD)).id();
  }

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
