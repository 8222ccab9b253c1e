package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.domain.Role;
import dev.membership.spi.MembershipStore;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

class ExpiredInvitationTest extends BrowserTest {
  @Autowired
  MembershipStore store;

  @Test
  void an_owner_finds_expired_invitations_by_their_badge_resends_one_and_cancels_another_from_the_row_menu()
      throws Exception {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Lapsed");
    String renewed = unique("renew");
    String dropped = unique("drop");
    Arrange.expiredInvitation(store, org.owner(), org.id(), Invite.of(renewed, Role.MEMBER));
    Arrange.expiredInvitation(store, org.owner(), org.id(), Invite.of(dropped, Role.MEMBER));

    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");
    new Select(find("#badge-filter")).selectByVisibleText("Expired");
    loadsPage(() -> find("#apply-filters").click());
    assertThat(badgeOf(renewed)).isEqualTo("Expired");
    assertThat(badgeOf(dropped)).isEqualTo("Expired");
    assertThat(row(renewed).getText()).contains("Invitation expired");
    screenshot("expired-invitations");

    rowAction(renewed, "resend-invite");
    waitForText(".notice", "The invitation was sent again with a new link");
    search(renewed);
    assertThat(badgeOf(renewed)).isEqualTo("Pending");
    assertThat(mailbox.newestFirst()).anyMatch(mail -> mail.to().equals(renewed) && mail.link().isPresent());

    search(dropped);
    rowAction(dropped, "cancel-invitation");
    waitForText(".notice", "The invitation was cancelled");
    search(dropped);
    assertThat(all("tr[data-email='" + dropped + "']")).isEmpty();
  }
}
