package dev.membership.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.AccountId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Permission;
import dev.membership.testkit.MembershipExtension;
import dev.membership.testkit.MutableClock;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The host's own code tested with the testkit's extension and fixtures, on the host's JUnit. */
@ExtendWith(MembershipExtension.class)
class TeamOnboardingTest {

  @Test
  void an_invited_colleague_joins_from_the_link_and_may_manage_members(TestMembership kit) {
    var team = kit.organisation("Acme").withMembers(2).create();
    var onboarding = new TeamOnboarding(kit.membership());

    onboarding.inviteAdmin(team.owner(), team.id(), "ana@acme.test");
    AccountId ana = onboarding.join(kit.invitationTokenTo("ana@acme.test"), "Ana", "a long passphrase of mine");

    assertThat(kit.membership().access().has(ana, team.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(kit.mailbox().deliveredTo(team.ownerEmail(), NotificationType.INVITATION_ACCEPTED))
        .filteredOn(accepted -> accepted.get("memberEmail").equals("ana@acme.test"))
        .hasSize(1);
  }

  @Test
  void each_test_gets_its_own_clock_and_an_empty_mailbox(TestMembership kit, MutableClock clock) {
    clock.advance(Duration.ofDays(3));

    assertThat(kit.clock()).isSameAs(clock);
    assertThat(kit.mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).isEmpty();
  }
}
