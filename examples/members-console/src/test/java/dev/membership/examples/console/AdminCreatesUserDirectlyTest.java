package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminCreatesUserDirectlyTest extends BrowserTest {

  @Test
  void an_admin_creates_a_user_directly_who_signs_in_with_the_temporary_password_and_must_change_it() throws Exception {
    String newcomer = unique("bo");
    signIn(DemoData.ADMIN_EMAIL, DemoData.ADMIN_PASSWORD);
    waitForPath("/members");

    find("#add-member").click();
    type("#new-email", newcomer);
    type("#new-name", "Bo Builder");
    find("#manual-password").click();
    find("#generate-password").click();
    String generated = find("#new-password").getDomProperty("value");
    assertThat(generated).hasSize(20);
    loadsPage(() -> find("#create-user").click());

    assertThat(find("#created-email").getText()).isEqualTo(newcomer);
    String temporary = find("#temporary-password").getText();
    assertThat(temporary).isEqualTo(generated);
    screenshot("user-created");
    find("#copy-password").click();
    // "Copied", or "Select and copy" where the browser keeps the clipboard closed.
    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(5))
        .until(d -> !find("#copy-password").getText().equals("Copy"));
    loadsPage(() -> find("#back-to-members").click());
    search(newcomer);
    assertThat(badgeOf(newcomer)).isEqualTo("Created by admin");
    signOut();

    signIn(newcomer, temporary);
    waitForPath("/password/first");
    type("#currentPassword", temporary);
    type("#newPassword", "bo's chosen passphrase");
    type("#confirmPassword", "bo's chosen passphrase");
    loadsPage(() -> find("#choose-password").click());
    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo("Acme");
    signOut();

    signIn(newcomer, temporary);
    assertThat(find("#sign-in-error").getText()).isEqualTo("The e-mail address or the password is not right.");
    signIn(newcomer, "bo's chosen passphrase");
    waitForPath("/members");
    search(newcomer);
    assertThat(badgeOf(newcomer)).isEqualTo("Active");
  }
}
