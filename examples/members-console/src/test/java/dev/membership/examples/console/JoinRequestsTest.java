package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JoinRequestsTest extends BrowserTest {

  @Test
  void one_join_request_is_approved_and_the_person_joins_and_another_is_denied_and_nothing_is_sent() throws Exception {
    String approved = unique("jules");
    String denied = unique("dora");
    AccountId dora = Arrange.account(membership, mailbox, denied, "Dora Denied", "dora's long passphrase");
    membership.joinRequests().request(dora, acme(), Optional.empty());
    long doraMail = mailbox.newestFirst().stream().filter(mail -> mail.to().equals(denied)).count(); // her sign-up

    signUpAndConfirm("Jules Joiner", approved, "jules's long passphrase");
    type("#organisation-search", "acm");
    loadsPage(() -> find("#search-organisations").click());
    find("#search-results li[data-organisation='Acme'] input[name=message]").sendKeys("I run the new office.");
    loadsPage(() -> find("#search-results li[data-organisation='Acme'] [data-action='request-to-join']").click());
    waitForText(".notice", "Your request was sent");
    assertThat(find("#my-requests li[data-organisation='Acme']").getText()).contains("Waiting");
    signOut();

    signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    waitForPath("/members");
    loadsPage(() -> find("#join-requests-tab").click());
    assertThat(row(approved).getText()).contains("Jules Joiner").contains("I run the new office.");
    screenshot("join-requests-tab");
    rowAction(approved, "approve");
    waitForText(".notice", "Approved: an invitation was sent to " + approved);
    rowAction(denied, "deny");
    waitForText(".notice", "Denied.");
    assertThat(all("tr[data-email='" + approved + "']")).isEmpty();
    assertThat(all("tr[data-email='" + denied + "']")).isEmpty();
    signOut();

    assertThat(mailbox.newestFirst().stream().filter(mail -> mail.to().equals(denied)).count())
        .as("e-mails to the person denied").isEqualTo(doraMail);
    open("/dev/mailbox");
    loadsPage(() -> find("article[data-to='" + approved + "'] a[data-mail-link]").click());
    String invitationPage = path();
    loadsPage(() -> find("#sign-in-to-accept").click());
    type("#email", approved);
    type("#password", "jules's long passphrase");
    loadsPage(() -> find("#sign-in").click());
    waitForPath(invitationPage);
    loadsPage(() -> find("#accept-invitation").click());
    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo("Acme");
    assertThat(all("#admin-badge")).isEmpty();
    search(approved);
    assertThat(badgeOf(approved)).isEqualTo("Active");
  }
}
