package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignUpTest extends BrowserTest {

  @Test
  void a_new_person_signs_up_confirms_the_address_with_the_link_and_the_password_and_is_signed_in() throws Exception {
    String email = unique("sia");
    open("/signup");
    type("#displayName", "Sia Signup");
    type("#email", email);
    type("#password", "sia's long passphrase");
    loadsPage(() -> find("#sign-up").click());
    assertThat(find("h1").getText()).isEqualTo("Check your inbox");
    assertThat(find("#signup-sent").getText()).contains(email);
    screenshot("sign-up-sent");

    // No account until the address is confirmed: sign-in answers as for an unknown address.
    signIn(email, "sia's long passphrase");
    waitForText(".error", "The e-mail address or the password is not right.");

    open("/dev/mailbox");
    assertThat(find("article[data-to='" + email + "']").getText()).contains("Confirm your e-mail address");
    loadsPage(() -> find("article[data-to='" + email + "'] a[data-mail-link]").click());
    assertThat(path()).startsWith("/verify/");
    String verifyPage = path();
    type("#password", "not the password sia chose");
    loadsPage(() -> find("#confirm-address").click());
    waitForText(".error", "That is not the password you chose when you signed up.");
    type("#password", "sia's long passphrase");
    loadsPage(() -> find("#confirm-address").click());
    waitForPath("/organisations");
    assertThat(membership.accounts().findByEmail(email)).hasValueSatisfying(
        account -> assertThat(account.displayName()).isEqualTo("Sia Signup"));

    signOut();
    open(verifyPage);
    type("#password", "sia's long passphrase");
    loadsPage(() -> find("#confirm-address").click());
    waitForText(".error", "This link no longer works");
    signIn(email, "sia's long passphrase");
    waitForPath("/organisations");
  }
}
