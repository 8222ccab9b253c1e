package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Crafted requests against the console in development mode (the application the other page tests
 * share): links that do not follow the Host header, one password check per sign-in, sessions ended by
 * the library's account events, the Content-Security-Policy, and what sign-up and search give away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class ConsoleSecurityTest {
  @LocalServerPort
  int port;
  @Autowired
  Memberships membership;
  @Autowired
  DevelopmentMailbox mailbox;

  @Test
  void an_invitation_link_points_to_the_consoles_own_address_whatever_host_the_request_names() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Hosted");
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    owner.get("/members");
    String invited = "invited-" + UUID.randomUUID() + "@example.test";

    int status = owner.postWithHost("/members/add",
        Map.of("email", invited, "displayName", "", "role", "member", "submit", "invite"), "evil.example");

    assertThat(status).isEqualTo(302);
    String link = mailbox.newestFirst().stream().filter(m -> m.to().equals(invited))
        .flatMap(m -> m.link().stream()).findFirst().orElseThrow().toString();
    assertThat(link).startsWith("http://localhost:" + port + "/invitations/").doesNotContain("evil.example");
  }

  @Test
  void a_password_change_in_one_browser_ends_the_accounts_session_in_another_and_keeps_its_own() {
    String email = "petra-" + UUID.randomUUID() + "@example.test";
    Arrange.account(membership, mailbox, email, "Petra", "petra's first passphrase");
    WebSession laptop = new WebSession(port);
    WebSession phone = new WebSession(port);
    assertThat(laptop.signIn(email, "petra's first passphrase")).doesNotEndWith("/signin?error");
    assertThat(phone.signIn(email, "petra's first passphrase")).doesNotEndWith("/signin?error");
    assertThat(phone.get("/organisations").statusCode()).isEqualTo(200);

    laptop.get("/account/password");
    var changed = laptop.post("/account/password", Map.of("currentPassword", "petra's first passphrase",
        "newPassword", "petra's second passphrase", "confirmPassword", "petra's second passphrase"));
    assertThat(laptop.follow(changed).body()).contains("Your password was changed.");

    var ended = phone.get("/organisations");
    assertThat(ended.statusCode()).isEqualTo(302);
    assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/signin?ended");
    assertThat(laptop.get("/organisations").statusCode()).as("the session that made the change goes on")
        .isEqualTo(200);
  }

  @Test
  void an_admins_credentials_reset_is_refused_once_the_member_chose_a_password_and_their_session_goes_on() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Reset");
    String email = "rob-" + UUID.randomUUID() + "@example.test";
    var created = membership.members().createDirectly(org.owner(), org.id(),
        dev.membership.command.NewAccount.generatedPassword(email, "Rob", dev.membership.domain.Role.MEMBER));
    WebSession rob = new WebSession(port);
    rob.signIn(email, created.temporaryPassword().reveal());
    rob.get("/password/first");
    var chosen = rob.post("/password/first", Map.of("currentPassword", created.temporaryPassword().reveal(),
        "newPassword", "rob's own long passphrase", "confirmPassword", "rob's own long passphrase"));
    assertThat(chosen.statusCode()).isEqualTo(302);
    assertThat(rob.get("/members").statusCode()).isEqualTo(200);

    // Before the library refused it, an admin's reset here took the account back to a temporary
    // password (and ended Rob's sessions); now the person's own password is theirs alone.
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    owner.get("/members");
    var refused = owner.post("/members/" + created.membership().id() + "/password",
        Map.of("password", "a temporary passphrase from the admin"));
    assertThat(owner.follow(refused).body()).contains("The person has chosen a password of their own");

    assertThat(rob.get("/members").statusCode()).isEqualTo(200);
  }

  @Test
  void every_page_carries_a_strict_content_security_policy_and_has_no_inline_script_or_style() {
    WebSession stranger = new WebSession(port);
    WebSession owner = new WebSession(port);
    owner.signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    java.util.List<java.net.http.HttpResponse<String>> pages = new java.util.ArrayList<>();
    for (String page : new String[] {"/signin", "/signup", "/invitations/no-such-token"}) {
      pages.add(stranger.get(page));
    }
    for (String page : new String[] {"/members", "/members?badge=PENDING", "/organisations?q=Acme", "/roles",
        "/audit", "/join-requests", "/account/password", "/dev/mailbox", "/no-such-page"}) {
      pages.add(owner.get(page));
    }
    for (var response : pages) {
      String page = response.uri().getPath();
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(page).hasValueSatisfying(policy ->
          assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'",
              "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe"));
      String html = response.body();
      assertThat(html).as(page).contains("</html>")
          .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
          .doesNotContainPattern("<style[\\s>]")
          .doesNotContainPattern("\\sstyle=")
          .doesNotContainPattern("\\son[a-z]+=")
          .doesNotContain("javascript:");
    }
  }

  @Test
  void organisation_search_needs_three_characters_and_a_shorter_query_lists_nobody() {
    WebSession person = new WebSession(port);
    person.signIn(DemoData.MEMBER_EMAIL, DemoData.MEMBER_PASSWORD);
    for (String query : new String[] {"a", "e", "Ac", " c "}) {
      String page = person.get("/organisations?q=" + java.net.URLEncoder.encode(query,
          java.nio.charset.StandardCharsets.UTF_8)).body();
      assertThat(page).as(query).contains("Type at least 3 characters to search.")
          .doesNotContain("data-organisation=\"Acme\"").doesNotContain("data-organisation=\"Globex\"");
    }
    assertThat(person.get("/organisations?q=Acm").body()).contains("data-organisation=\"Acme\"");
  }
}
