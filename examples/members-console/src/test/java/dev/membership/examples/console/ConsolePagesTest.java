package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages and refusals over plain HTTP, with no browser: these run everywhere, Chromium or not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class ConsolePagesTest {
  @LocalServerPort
  int port;
  @Autowired
  Memberships membership;
  @Autowired
  DevelopmentMailbox mailbox;
  @Autowired
  org.springframework.context.ApplicationContext context;

  @Test
  void every_page_of_the_demo_organisation_opens_for_its_owner() {
    WebSession owner = new WebSession(port);
    assertThat(owner.signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD)).endsWith("/");
    for (String page : new String[] {"/members", "/members?badge=PENDING", "/members?q=acme&origin=CREATED_BY_ADMIN",
        "/join-requests", "/roles", "/applications", "/audit", "/organisations", "/organisations?q=acm", "/account/password",
        "/dev/mailbox"}) {
      var response = owner.get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.body()).as(page).contains("Acme");
    }
    assertThat(owner.get("/join-requests").body()).contains("carla@example.test");
  }

  @Test
  void the_audit_log_pages_back_through_older_events() {
    WebSession owner = new WebSession(port);
    owner.signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    String first = owner.get("/audit").body();
    java.util.regex.Matcher next = java.util.regex.Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first);
    assertThat(next.find()).as("a second page of the demo organisation's log").isTrue();
    var older = owner.get(next.group(1).replace("&amp;", "&"));
    assertThat(older.statusCode()).isEqualTo(200);
    assertThat(older.body()).contains("data-action=\"").isNotEqualTo(first);
  }

  @Test
  void a_custom_role_is_renamed_and_then_deleted_with_its_members_moved_to_another_role() {
    WebSession owner = new WebSession(port);
    owner.signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    owner.get("/roles");
    String name = "Temp " + UUID.randomUUID().toString().substring(0, 6);
    var created = owner.post("/roles", Map.of("name", name, "permissions", "VIEW_MEMBERS"));
    assertThat(created.statusCode()).isEqualTo(302);
    var role = membership.roles().list(owner(), acme()).stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow();
    membership.invitations().invite(owner(), acme(), Invite.of("holder-" + UUID.randomUUID() + "@example.test",
        role.id()));
    assertThat(owner.get("/roles").body()).contains(name);
    owner.post("/roles/" + role.id(), Map.of("name", name + " renamed", "permissions", "VIEW_MEMBERS"));
    assertThat(owner.get("/roles").body()).contains(name + " renamed");
    owner.post("/roles/" + role.id() + "/delete", Map.of());
    assertThat(owner.get("/roles").body()).contains("Members or invitations still hold this role.");
    owner.post("/roles/" + role.id() + "/delete", Map.of("replacement", "member"));
    String after = owner.get("/roles").body();
    assertThat(after).contains("The role was deleted.").doesNotContain(name + " renamed");
  }

  @Test
  void the_members_page_filters_by_status_role_and_text() {
    WebSession owner = new WebSession(port);
    owner.signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    String pending = owner.get("/members?badge=PENDING").body();
    assertThat(pending).contains("data-badge>Pending<").doesNotContain("data-badge>Active<");
    String admins = owner.get("/members?role=admin").body();
    assertThat(admins).contains("ana@acme.test").doesNotContain("mo@acme.test");
    String search = owner.get("/members?q=MO%40acme").body();
    assertThat(search).contains("mo@acme.test").doesNotContain("ana@acme.test");
    String deactivated = owner.get("/members?badge=DEACTIVATED").body();
    assertThat(deactivated).contains("sam.stone@acme.test").doesNotContain("data-badge>Active<");
  }

  @Test
  void pages_other_than_sign_in_sign_up_invitations_and_the_mailbox_need_a_session() {
    WebSession stranger = new WebSession(port);
    for (String page : new String[] {"/members", "/roles", "/audit", "/join-requests", "/organisations"}) {
      var response = stranger.get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/signin");
    }
    assertThat(stranger.get("/signin").statusCode()).isEqualTo(200);
    assertThat(stranger.get("/signup").statusCode()).isEqualTo(200);
    assertThat(stranger.get("/dev/mailbox").statusCode()).isEqualTo(200);
  }

  @Test
  void development_mode_listens_on_loopback_only_and_links_its_mailbox() {
    var server = (org.springframework.boot.tomcat.TomcatWebServer)
        ((org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext) context).getWebServer();
    Object address = server.getTomcat().getConnector().getProperty("address");
    assertThat(address).isInstanceOfSatisfying(java.net.InetAddress.class,
        bound -> assertThat(bound.isLoopbackAddress()).as("bound to " + bound).isTrue());
    assertThat(new WebSession(port).get("/signin").body()).contains("href=\"/dev/mailbox\"");
  }

  @Test
  void a_wrong_password_and_an_unknown_address_get_the_same_sentence() {
    WebSession person = new WebSession(port);
    assertThat(person.signIn(DemoData.OWNER_EMAIL, "not the right passphrase")).endsWith("/signin?error");
    String wrongPassword = person.get("/signin?error").body();
    assertThat(person.signIn("nobody-" + UUID.randomUUID() + "@acme.test", "not the right passphrase"))
        .endsWith("/signin?error");
    String unknown = person.get("/signin?error").body();
    assertThat(wrongPassword).contains("The e-mail address or the password is not right.");
    assertThat(unknown).contains("The e-mail address or the password is not right.");
  }

  @Test
  void a_guesser_at_another_address_does_not_lock_the_owner_out_of_the_console() {
    String email = "olga-" + UUID.randomUUID() + "@example.test";
    Arrange.account(membership, mailbox, email, "Olga", "olga's long passphrase");
    assertThat(new WebSession(port, "127.0.0.1").signIn(email, "olga's long passphrase")).doesNotEndWith("/signin?error");

    WebSession guesser = new WebSession(port, "127.0.0.2");
    for (int i = 0; i < 6; i++) {
      assertThat(guesser.signIn(email, "guess number " + i + " of many")).endsWith("/signin?error");
    }

    assertThat(new WebSession(port, "127.0.0.3").signIn(email, "olga's long passphrase"))
        .as("a new address waits out the guesser's back-off").endsWith("/signin?error");
    assertThat(new WebSession(port, "127.0.0.1").signIn(email, "olga's long passphrase"))
        .as("the address Olga signed in from before is not held back").doesNotEndWith("/signin?error");
  }

  @Test
  void sign_up_explains_a_password_that_is_too_short_in_a_sentence() {
    WebSession person = new WebSession(port);
    person.get("/signup");
    var response = person.post("/signup",
        Map.of("displayName", "Shorty", "email", "shorty-" + UUID.randomUUID() + "@example.test", "password", "short"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("The password must be at least 15 characters.");
  }

  @Test
  void sign_up_shows_the_same_page_for_a_taken_and_a_free_address_and_mails_the_owner_a_note_instead_of_a_link() {
    String free = "free-" + UUID.randomUUID() + "@example.test";
    WebSession person = new WebSession(port);
    person.get("/signup");
    var taken = person.post("/signup",
        Map.of("displayName", "Mallory", "email", DemoData.MEMBER_EMAIL, "password", "mallory's long passphrase"));
    person.get("/signup");
    var fresh = person.post("/signup",
        Map.of("displayName", "Mallory", "email", free, "password", "mallory's long passphrase"));

    assertThat(taken.statusCode()).isEqualTo(fresh.statusCode()).isEqualTo(200);
    assertThat(withoutCsrf(taken.body()).replace(DemoData.MEMBER_EMAIL, "someone"))
        .isEqualTo(withoutCsrf(fresh.body()).replace(free, "someone"))
        .contains("Check your inbox");
    assertThat(mailbox.newestFirst().stream().filter(m -> m.to().equals(DemoData.MEMBER_EMAIL)).findFirst())
        .hasValueSatisfying(note -> {
          assertThat(note.subject()).isEqualTo("Someone tried to sign up with your address");
          assertThat(note.link()).isEmpty();
        });
    assertThat(mailbox.newestFirst().stream().filter(m -> m.to().equals(free)).findFirst())
        .hasValueSatisfying(verification -> {
          assertThat(verification.subject()).isEqualTo("Confirm your e-mail address");
          assertThat(verification.link()).hasValueSatisfying(link -> assertThat(link.getPath()).startsWith("/verify/"));
        });
    assertThat(membership.accounts().findByEmail(free)).isEmpty();
  }

  @Test
  void one_client_signing_up_many_addresses_is_told_how_long_to_wait_and_other_clients_are_not() {
    WebSession flooder = new WebSession(port, "127.0.0.21");
    int free = MembershipPolicy.defaults().signUpRules().signUpsPerSourceBeforeWaiting(); // the console's policy
    for (int i = 0; i < free; i++) {
      flooder.get("/signup");
      var sent = flooder.post("/signup", Map.of("displayName", "Flood", "email",
          "flood-" + i + "-" + UUID.randomUUID() + "@example.test", "password", "the flooder's long passphrase"));
      assertThat(sent.body()).as("sign-up %d", i).contains("Check your inbox");
    }

    flooder.get("/signup");
    String held = "held-" + UUID.randomUUID() + "@example.test";
    var refused = flooder.post("/signup",
        Map.of("displayName", "Flood", "email", held, "password", "the flooder's long passphrase"));
    WebSession neighbour = new WebSession(port, "127.0.0.22");
    neighbour.get("/signup");
    var welcome = neighbour.post("/signup", Map.of("displayName", "Nell", "email",
        "nell-" + UUID.randomUUID() + "@example.test", "password", "nell's own long passphrase"));

    assertThat(refused.body()).contains("Too many sign-ups from your network lately. Try again in 30 seconds.")
        .doesNotContain("Check your inbox");
    assertThat(mailbox.newestFirst()).noneSatisfy(mail -> assertThat(mail.to()).isEqualTo(held));
    assertThat(welcome.body()).contains("Check your inbox");
  }

  private static String withoutCsrf(String html) {
    return html.replaceAll("(name=\"_csrf\" value|content)=\"[^\"]*\"", "$1=\"\"");
  }

  @Test
  void an_unknown_invitation_link_says_so_and_a_used_one_cannot_be_used_again() {
    WebSession person = new WebSession(port);
    var unknown = person.get("/invitations/not-a-real-token");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("This invitation link is not valid.");

    String email = "once-" + UUID.randomUUID() + "@example.test";
    membership.invitations().invite(owner(), acme(), Invite.of(email, Role.MEMBER));
    String link = mailbox.newestFirst().stream().filter(m -> m.to().equals(email)).findFirst().orElseThrow()
        .link().orElseThrow().getPath();
    assertThat(person.get(link).body()).contains("Choose your name and a password");
    membership.invitations().acceptAsNewAccount(link.substring(link.lastIndexOf('/') + 1),
        NewMemberDetails.of("Once", "once's long passphrase"));
    assertThat(person.get(link).body()).contains("This invitation was accepted already.");
  }

  @Test
  void a_plain_member_is_refused_when_posting_admin_actions_directly() {
    String email = "plain-" + UUID.randomUUID() + "@example.test";
    membership.invitations().invite(owner(), acme(), Invite.of(email, Role.MEMBER));
    String link = mailbox.newestFirst().stream().filter(m -> m.to().equals(email)).findFirst().orElseThrow()
        .link().orElseThrow().toString();
    membership.invitations().acceptAsNewAccount(link.substring(link.lastIndexOf('/') + 1),
        NewMemberDetails.of("Plain", "plain's long passphrase"));
    AccountId owner = owner();
    String ownersMembership = membership.members().find(owner, acme(), owner).orElseThrow().id().toString();

    WebSession plain = new WebSession(port);
    plain.signIn(email, "plain's long passphrase");
    var page = plain.get("/members");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("Add Member").doesNotContain("data-action=");

    var deactivate = plain.post("/members/" + ownersMembership + "/deactivate", Map.of());
    assertThat(deactivate.statusCode()).isEqualTo(403);
    assertThat(deactivate.body()).contains("You are not allowed to do that in this organisation.");
    assertThat(plain.post("/members/add", Map.of("email", "sneaky-" + UUID.randomUUID() + "@example.test",
        "role", "admin", "submit", "invite")).statusCode()).isEqualTo(403);
    plain.get("/members");
    assertThat(notice(plain, "/members/not-an-id/deactivate")).isEqualTo("The link is not valid.");
    var forged = plain.post("/members/" + ownersMembership + "/remove", Map.of("_csrf", "forged"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("This form has expired or did not come from this site.");
    assertThat(membership.members().find(owner, acme(), owner).orElseThrow().isActive()).isTrue();
  }

  @Test
  void each_row_menu_action_does_what_it_says_and_tells_so_in_a_sentence() {
    WebSession owner = new WebSession(port);
    owner.signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    owner.get("/members");

    String invited = "row-invited-" + UUID.randomUUID() + "@example.test";
    assertThat(notice(owner, "/members/add", Map.of("email", invited, "role", "member", "submit", "invite")))
        .isEqualTo("Invitation sent to " + invited + ".");
    String invitation = membership.members().list(owner(), acme(), MemberQuery.all().withText(invited)).items()
        .stream().map(row -> ((MemberRow.Invited) row).invitation().id().toString()).findFirst().orElseThrow();
    assertThat(notice(owner, "/members/invitations/" + invitation + "/resend"))
        .contains("The invitation was sent again with a new link");
    assertThat(notice(owner, "/members/invitations/" + invitation + "/cancel")).contains("The invitation was cancelled");

    String created = "row-created-" + UUID.randomUUID() + "@example.test";
    var shown = owner.post("/members/add", Map.of("email", created, "displayName", "Row Created", "role", "member",
        "submit", "create"));
    assertThat(shown.statusCode()).as("shown after a redirect").isEqualTo(302);
    assertThat(shown.headers().firstValue("Location").orElseThrow()).endsWith("/members/credentials");
    assertThat(owner.follow(shown).body()).contains("User created").contains("id=\"temporary-password\"");
    var reloaded = owner.get("/members/credentials");
    assertThat(reloaded.statusCode()).as("a reload shows it no more").isEqualTo(302);
    assertThat(owner.follow(reloaded).body()).contains("A password is shown only once").doesNotContain("temporary-password");
    String member = membership.members().list(owner(), acme(), MemberQuery.all().withText(created)).items()
        .stream().map(row -> ((MemberRow.Member) row).membership().id().toString()).findFirst().orElseThrow();
    owner.get("/members");
    var changed = owner.post("/members/" + member + "/password", Map.of("password", "an admin-chosen passphrase"));
    assertThat(owner.follow(changed).body()).contains("Password changed").contains("an admin-chosen passphrase");
    owner.get("/members");
    assertThat(owner.follow(owner.post("/members/" + member + "/credentials", Map.of())).body())
        .contains("New temporary password");
    owner.get("/members");
    assertThat(notice(owner, "/members/" + member + "/role", Map.of("role", "admin"))).contains("The role was changed.");
    assertThat(notice(owner, "/members/" + member + "/access", Map.of("access", "crm")))
        .isEqualTo("The application access was changed.");
    assertThat(membership.members().get(owner(), acme(), MembershipId.of(member)).row())
        .isInstanceOfSatisfying(MemberRow.Member.class,
            row -> assertThat(row.membership().grants()).containsExactly(EntitlementKey.of("crm")));
    assertThat(notice(owner, "/members/" + member + "/remove")).contains("The member was removed");
    assertThat(owner.get("/members?badge=REMOVED&q=" + created).body()).contains(created).contains("Removed");

    String own = membership.members().find(owner(), acme(), owner()).orElseThrow().id().toString();
    assertThat(notice(owner, "/members/" + own + "/deactivate"))
        .contains("An organisation needs at least one active owner.");
  }

  /** Posts a row action and reads the sentence the members page then shows. */
  private static String notice(WebSession session, String path) {
    return notice(session, path, Map.of());
  }

  private static String notice(WebSession session, String path, Map<String, String> form) {
    var response = session.post(path, form);
    assertThat(response.statusCode()).as(path).isEqualTo(302);
    String page = session.get("/members").body();
    java.util.regex.Matcher sentence = java.util.regex.Pattern
        .compile("class=\"(?:notice|error)\"[^>]*>([^<]*)<").matcher(page);
    return sentence.find() ? sentence.group(1) : "";
  }

  private AccountId owner() {
    return membership.accounts().findByEmail(DemoData.OWNER_EMAIL).orElseThrow().id();
  }

  private OrganisationId acme() {
    return membership.organisations().of(owner(), PageRequest.first()).items().stream()
        .filter(o -> o.organisation().name().equals("Acme")).findFirst().orElseThrow().organisation().id();
  }
}
