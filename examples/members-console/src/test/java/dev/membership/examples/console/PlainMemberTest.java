package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.AccountId;
import dev.membership.domain.Role;
import org.junit.jupiter.api.Test;

class PlainMemberTest extends BrowserTest {

  @Test
  void a_plain_member_sees_no_admin_actions_and_is_refused_when_posting_them_directly() {
    String email = unique("pat");
    memberOfAcme(email, "Pat Plain", Role.MEMBER, "pat's long passphrase");
    signIn(email, "pat's long passphrase");
    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo("Acme");
    assertThat(all("#admin-badge")).isEmpty();
    assertThat(all("#add-member")).isEmpty();
    assertThat(all("details.menu")).isEmpty();
    assertThat(all("#join-requests-tab")).isEmpty();
    assertThat(all("tr[data-email]")).isNotEmpty();

    // The page offers nothing, so post the form by hand, with the session's valid CSRF token.
    AccountId owner = owner();
    String ownersMembership = membership.members().find(owner, acme(), owner).orElseThrow().id().toString();
    browser.executeScript("""
        const form = document.createElement('form');
        form.method = 'post';
        form.action = '/members/' + arguments[0] + '/deactivate';
        const token = document.querySelector('input[name=_csrf]').cloneNode();
        form.appendChild(token);
        document.body.appendChild(form);
        form.submit();
        """, ownersMembership);
    waitForText("#refusal", "You are not allowed to do that in this organisation.");
    assertThat(membership.members().find(owner, acme(), owner).orElseThrow().isActive()).isTrue();
  }
}
