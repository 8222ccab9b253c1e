package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.AccountId;
import dev.membership.domain.Role;
import java.util.Map;
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

    AccountId owner = owner();
    String ownersMembership = membership.members().find(owner, acme(), owner).orElseThrow().id().toString();
    WebSession pat = new WebSession(port);
    pat.signIn(email, "pat's long passphrase");
    assertThat(pat.get("/members").statusCode()).isEqualTo(200);

    var deactivate = pat.post("/members/" + ownersMembership + "/deactivate", Map.of());
    assertThat(deactivate.statusCode()).isEqualTo(403);
    assertThat(deactivate.body()).contains("You are not allowed to do that in this organisation.");
    var invite = pat.post("/members/add", Map.of("email", unique("sneaky"), "role", "admin", "submit", "invite"));
    assertThat(invite.statusCode()).isEqualTo(403);
    assertThat(pat.get("/join-requests").statusCode()).isEqualTo(403);
    var withoutToken = pat.post("/members/" + ownersMembership + "/remove", Map.of("_csrf", "forged"));
    assertThat(withoutToken.statusCode()).isEqualTo(403);

    assertThat(membership.members().find(owner, acme(), owner).orElseThrow().isActive()).isTrue();
  }
}
