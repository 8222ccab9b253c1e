package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.domain.Role;
import org.junit.jupiter.api.Test;

/** "Delete my account": the person erases their account; the owner's audit log shows a pseudonym. */
class DeleteMyAccountTest extends BrowserTest {

  @Test
  void a_member_deletes_their_account_after_confirming_and_the_owner_reads_a_pseudonym_in_the_audit_log() throws Exception {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Erase");
    String email = unique("eve");
    String password = "eve's long passphrase";
    signUpAndConfirm("Eve Erased", email, password);
    membership.invitations().invite(org.owner(), org.id(), Invite.of(email, Role.MEMBER));
    open("/dev/mailbox");
    loadsPage(() -> find("article[data-to='" + email + "'] a[data-mail-link]").click());
    loadsPage(() -> find("#accept-invitation").click());
    waitForPath("/members");

    open("/account/password");
    loadsPage(() -> find("#delete-account").click());
    waitForPath("/account/delete");
    type("#delete-password", "not my passphrase at all");
    find("#delete-confirm").click();
    loadsPage(() -> find("#confirm-delete-account").click());
    assertThat(find(".error").getText()).isEqualTo("The current password is not right.");
    assertThat(membership.accounts().findByEmail(email)).isPresent();

    type("#delete-password", password);
    find("#delete-confirm").click();
    screenshot("delete-my-account");
    loadsPage(() -> find("#confirm-delete-account").click());
    waitForPath("/signin");
    assertThat(find("#account-deleted").getText()).contains("Your account was deleted");
    assertThat(membership.accounts().findByEmail(email)).isEmpty();

    signIn(email, password);
    assertThat(path()).isEqualTo("/signin");
    signIn(org.ownerEmail(), org.ownerPassword());
    open("/audit");
    String log = find("#audit-table").getText();
    assertThat(log).contains("Account erased").contains("Former member ").doesNotContain(email);
    assertThat(all("#audit-table [data-actor]")).filteredOn(actor -> actor.getText().startsWith("Former member "))
        .isNotEmpty().allSatisfy(actor -> assertThat(actor.getAttribute("title")).isEqualTo("Erased account"));
    screenshot("audit-page-pseudonym");
    // The members page's "Removed" filter names the person as the audit log does, never by the placeholder address.
    open("/members?badge=REMOVED");
    assertThat(find("tr[data-email='Erased account']").getText()).contains("Former member ").contains("Erased account");
    assertThat(find("#members-table").getText()).doesNotContain("erased.invalid").doesNotContain(email);
  }
}
