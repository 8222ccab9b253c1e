package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

class OwnerInvitesColleagueTest extends BrowserTest {

  @Test
  void an_owner_invites_a_colleague_who_follows_the_mailbox_link_sets_a_password_and_appears_active() throws Exception {
    String colleague = unique("colleague");
    signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo("Acme");
    assertThat(find("#admin-badge").getText()).as("the owner is labelled Owner, not Admin").isEqualTo("Owner");

    find("#add-member").click();
    assertThat(find("#add-member-dialog [data-access=analytics] .seats").getText())
        .as("the dialog tells how many seats are free").matches("\\d+ of 10 seats free");
    assertThat(find("#add-member-dialog [data-access=crm] .seats").getText()).isEqualTo("unlimited seats");
    type("#new-email", colleague);
    new Select(find("#new-role")).selectByVisibleText("Admin");
    find("#add-member-dialog input[name=access][value=analytics]").click();
    screenshot("add-member-dialog");
    loadsPage(() -> find("#send-invite").click());
    waitForText(".notice", "Invitation sent to " + colleague);
    search("colleague-");
    assertThat(badgeOf(colleague)).isEqualTo("Pending");
    signOut();

    open("/dev/mailbox");
    loadsPage(() -> find("article[data-to='" + colleague + "'] a[data-mail-link]").click());
    assertThat(find("#invitation-summary").getText())
        .contains("Olivia Owner invited " + colleague + " to join Acme as Admin");
    assertThat(find("#invitation-access").getText()).as("the access the invitation offers").contains("Analytics");
    screenshot("invitation-page");
    type("#displayName", "Cora Colleague");
    type("#password", "cora's very own passphrase");
    type("#confirmPassword", "cora's very own passphrase");
    loadsPage(() -> find("#accept-invitation").click());

    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo("Acme");
    assertThat(find("#admin-badge").isDisplayed()).isTrue();
    assertThat(badgeOf(colleague)).isEqualTo("Active");
    assertThat(row(colleague).findElement(By.cssSelector(".name")).getText()).isEqualTo("Cora Colleague");
    assertThat(row(colleague).getText()).contains("analytics");
    signOut();

    signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    waitForPath("/members");
    screenshot("members-page");
    assertThat(all("#next-page")).as("the demo organisation has more than one page").hasSize(1);
    row(colleague).findElement(By.cssSelector("details.menu summary")).click();
    screenshot("row-menu");
    loadsPage(() -> find("#next-page").click());
    assertThat(all("tr[data-email]")).isNotEmpty();
  }
}
