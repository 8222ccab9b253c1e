package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import org.junit.jupiter.api.Test;

class DeactivationTest extends BrowserTest {

  @Test
  void deactivating_a_member_ends_their_session_and_reactivating_restores_their_access() {
    String email = unique("dee");
    AccountId dee = memberOfAcme(email, "Dee Member", Role.MEMBER, "dee's long passphrase");
    WebSession deesBrowser = new WebSession(port);
    assertThat(deesBrowser.signIn(email, "dee's long passphrase")).endsWith("/");
    assertThat(deesBrowser.get("/members").statusCode()).isEqualTo(200);

    signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    waitForPath("/members");
    search(email);
    rowAction(email, "deactivate");
    waitForText(".notice", "The member was deactivated");
    assertThat(badgeOf(email)).isEqualTo("Deactivated");

    var ended = deesBrowser.get("/members");
    assertThat(ended.statusCode()).isEqualTo(302);
    assertThat(ended.headers().firstValue("Location").orElseThrow()).contains("/signin?ended");
    deesBrowser.signIn(email, "dee's long passphrase");
    var nowhere = deesBrowser.get("/members");
    assertThat(nowhere.headers().firstValue("Location").orElseThrow()).endsWith("/organisations");
    assertThat(membership.access().has(dee, acme(), Permission.VIEW_MEMBERS)).isFalse();

    search(email);
    rowAction(email, "reactivate");
    waitForText(".notice", "The member was reactivated");
    assertThat(badgeOf(email)).isEqualTo("Active");
    assertThat(row(email).getText()).contains("analytics");

    assertThat(deesBrowser.get("/members").statusCode()).isEqualTo(200);
    assertThat(membership.access().has(dee, acme(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(membership.access().hasEntitlement(dee, acme(), EntitlementKey.of("analytics"))).isTrue();
  }
}
