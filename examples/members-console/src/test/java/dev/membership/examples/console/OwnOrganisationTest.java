package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

class OwnOrganisationTest extends BrowserTest {

  @Test
  void a_new_person_creates_an_organisation_defines_a_custom_role_reads_the_audit_log_and_switches_back_and_forth() throws Exception {
    String email = unique("nora");
    String organisation = "Nora's Bakery " + email.substring(5, 13);
    signUpAndConfirm("Nora New", email, "nora's long passphrase");
    type("#organisation-name", organisation);
    loadsPage(() -> find("#create-organisation").click());
    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo(organisation);
    assertThat(find("#admin-badge").getText()).isEqualTo("Owner");
    assertThat(badgeOf(email)).isEqualTo("Active");

    loadsPage(() -> find("a[href='/roles']").click());
    type("#role-name", "Auditor");
    find("input[name=permissions][value=VIEW_MEMBERS]").click();
    find("input[name=permissions][value=VIEW_AUDIT_LOG]").click();
    loadsPage(() -> find("#create-role").click());
    waitForText(".notice", "The role Auditor was created.");
    assertThat(find("tr[data-role='Auditor']").getText()).contains("View members").contains("View the audit log");
    screenshot("roles-page");

    loadsPage(() -> find("a[href='/members']").click());
    find("#add-member").click();
    type("#new-email", unique("ivy"));
    new Select(find("#new-role")).selectByVisibleText("Auditor");
    loadsPage(() -> find("#send-invite").click());
    waitForText(".notice", "Invitation sent");

    loadsPage(() -> find("a[href='/audit']").click());
    assertThat(find("#audit-table").getText())
        .contains("Organisation created").contains("Role created").contains("Invitation sent");
    assertThat(all("#audit-table [data-actor]")).as("the audit page names who did each thing").isNotEmpty()
        .allSatisfy(actor -> assertThat(actor.getText()).isEqualTo("Nora New"));
    screenshot("audit-page");

    membership.invitations().invite(owner(), acme(), dev.membership.command.Invite.of(email,
        dev.membership.domain.Role.MEMBER));
    open("/dev/mailbox");
    loadsPage(() -> find("article[data-to='" + email + "'] a[data-mail-link]").click());
    loadsPage(() -> find("#accept-invitation").click());
    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo("Acme");
    assertThat(all("#admin-badge")).isEmpty();

    new Select(find("#organisation-switcher")).selectByVisibleText(organisation);
    waitForText("#current-organisation", organisation);
    assertThat(find("#admin-badge").isDisplayed()).isTrue();
    new Select(find("#organisation-switcher")).selectByVisibleText("Acme");
    waitForText("#current-organisation", "Acme");
    assertThat(all("#admin-badge")).isEmpty();

    loadsPage(() -> find("a[href='/account/password']").click());
    type("#currentPassword", "nora's long passphrase");
    type("#newPassword", "nora's newer passphrase");
    type("#confirmPassword", "nora's newer passphrase");
    loadsPage(() -> find("#change-password").click());
    waitForText(".notice", "Your password was changed.");
    signOut();
    signIn(email, "nora's newer passphrase");
    waitForPath("/members");
    assertThat(browser.findElement(By.cssSelector("#organisation-switcher")).isDisplayed()).isTrue();
  }
}
