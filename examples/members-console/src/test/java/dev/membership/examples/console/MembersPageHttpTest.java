package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Role;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import dev.membership.examples.console.web.Dates;
import dev.membership.query.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The members page and what surrounds it, over plain HTTP; each scenario has an organisation of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class MembersPageHttpTest {
  @LocalServerPort
  int port;
  @Autowired
  Memberships membership;
  @Autowired
  DevelopmentMailbox mailbox;

  @Test
  void the_members_page_has_a_heading_joined_dates_a_you_marker_and_the_role_select_in_the_row() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Marked");
    String member = "mara-" + UUID.randomUUID() + "@example.test";
    accept(org, member, "Mara", "mara's long passphrase");
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    String page = owner.get("/members").body();
    assertThat(page).contains("<h1 id=\"members-heading\">Members");
    assertThat(rowOf(page, org.ownerEmail())).contains("data-you").contains(Dates.day(Instant.now()));
    assertThat(rowOf(page, member)).doesNotContain("data-you").contains("data-role-select")
        .contains(Dates.day(Instant.now()));
    assertThat(page).contains("id=\"admin-badge\">Owner<");
  }

  @Test
  void a_refused_action_goes_back_to_its_page_with_the_sentence_and_the_search_typed() {
    WebSession owner = new WebSession(port);
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Refusing");
    owner.signIn(org.ownerEmail(), org.ownerPassword());

    // The only owner cannot leave: back to the members page with the sentence.
    owner.get("/members");
    var leaving = owner.post("/members/leave", Map.of());
    assertThat(leaving.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/members"));
    assertThat(owner.follow(leaving).body()).contains("An organisation needs at least one active owner.");

    // Asking to join one's own organisation: back to the search as typed, with the sentence.
    owner.get("/organisations?q=refusing");
    var asking = owner.post("/organisations/" + org.id() + "/join-requests", Map.of("q", "refusing"));
    assertThat(asking.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/organisations?q=refusing"));
    assertThat(owner.follow(asking).body()).contains("already a member of this organisation");
  }

  @Test
  void the_join_requests_tab_counts_the_requests_waiting() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Counted");
    for (String name : new String[] {"Ada", "Bob"}) {
      AccountId asker = Arrange.account(membership, mailbox, name.toLowerCase() + "-" + UUID.randomUUID() + "@example.test",
          name, name + "'s long passphrase");
      membership.joinRequests().request(asker, org.id());
    }
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    assertThat(owner.get("/members").body()).containsPattern("id=\"join-requests-count\"[^>]*>2<");
  }

  @Test
  void password_actions_are_offered_only_until_the_member_chose_a_password_of_their_own() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Chosen");
    String fresh = "fresh-" + UUID.randomUUID() + "@example.test";
    String chose = "chose-" + UUID.randomUUID() + "@example.test";
    membership.members().createDirectly(org.owner(), org.id(), NewAccount.generatedPassword(fresh, "Fresh", Role.MEMBER));
    var created = membership.members().createDirectly(org.owner(), org.id(),
        NewAccount.generatedPassword(chose, "Chose", Role.MEMBER));
    membership.accounts().changePassword(created.account().id(), created.temporaryPassword(),
        dev.membership.domain.Password.of("chose's own long passphrase"));
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    String page = owner.get("/members").body();
    assertThat(rowOf(page, fresh)).contains("data-action=\"resend-credentials\"").contains("data-action=\"change-password\"");
    assertThat(rowOf(page, chose)).doesNotContain("resend-credentials").doesNotContain("change-password");
    // A crafted request is refused by the library, not only hidden by the page.
    var refused = owner.post("/members/" + created.membership().id() + "/credentials", Map.of());
    assertThat(owner.follow(refused).body()).contains("The person has chosen a password of their own");
  }

  @Test
  void the_invitation_page_keeps_the_name_on_a_password_mismatch_and_says_the_expiry_in_words() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Worded");
    String email = "wendy-" + UUID.randomUUID() + "@example.test";
    var invitation = membership.invitations().invite(org.owner(), org.id(), Invite.of(email, Role.MEMBER));
    var mail = mailbox.newestFirst().stream().filter(m -> m.to().equals(email)).findFirst().orElseThrow();
    String words = Dates.moment(invitation.expiresAt());
    assertThat(words).matches("[A-Z][a-z]+day \\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2} UTC");
    assertThat(mail.body()).contains("it works until " + words + ".");
    String token = mail.link().orElseThrow().getPath().substring("/invitations/".length());

    WebSession wendy = new WebSession(port);
    assertThat(wendy.get("/invitations/" + token).body()).contains("The link works until " + words + ".");
    var mismatch = wendy.post("/invitations/" + token + "/new-account", Map.of("displayName", "Wendy Worded",
        "password", "wendy's long passphrase", "confirmPassword", "wendy's other passphrase"));
    assertThat(mismatch.body()).contains("The two passwords are not the same.")
        .contains("value=\"Wendy Worded\"");
  }

  @Test
  void after_signing_in_again_a_person_lands_in_the_organisation_they_used_last() {
    Arrange.Organisation first = Arrange.organisation(membership, mailbox, "First");
    var second = membership.organisations().create(first.owner(), "Second " + UUID.randomUUID().toString().substring(0, 8));
    WebSession owner = new WebSession(port);
    owner.signIn(first.ownerEmail(), first.ownerPassword());
    owner.get("/members");
    owner.post("/organisations/switch", Map.of("organisation", second.id().toString()));
    assertThat(owner.get("/members").body()).contains("id=\"current-organisation\">" + second.name() + "<");
    owner.post("/signout", Map.of());

    owner.signIn(first.ownerEmail(), first.ownerPassword());
    assertThat(owner.get("/members").body()).contains("id=\"current-organisation\">" + second.name() + "<");
  }

  @Test
  void a_member_leaves_the_organisation_and_its_last_owner_cannot() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Leaving");
    String email = "lou-" + UUID.randomUUID() + "@example.test";
    accept(org, email, "Lou", "lou's long passphrase");
    WebSession lou = new WebSession(port);
    lou.signIn(email, "lou's long passphrase");
    lou.get("/members");
    var left = lou.post("/members/leave", Map.of());
    assertThat(left.headers().firstValue("Location").orElseThrow()).endsWith("/organisations");
    assertThat(lou.follow(left).body()).contains("You left " + org.name() + ".");
    assertThat(membership.organisations().of(membership.accounts().findByEmail(email).orElseThrow().id(), org.id())
        .filter(o -> o.membership().isActive())).isEmpty();

    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    owner.get("/members");
    var refused = owner.post("/members/leave", Map.of());
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/members");
    assertThat(owner.follow(refused).body()).contains("class=\"error\"");
    assertThat(membership.organisations().of(org.owner(), org.id())).hasValueSatisfying(
        o -> assertThat(o.membership().isActive()).isTrue());
  }

  @Test
  void the_audit_log_filters_by_action_and_by_member_in_the_library_and_pages_both_ways() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Audited");
    String una = "una-" + UUID.randomUUID() + "@example.test";
    String vic = "vic-" + UUID.randomUUID() + "@example.test";
    AccountId unaId = accept(org, una, "Una", "una's long passphrase");
    membership.invitations().invite(org.owner(), org.id(), Invite.of(vic, Role.MEMBER));
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    String all = owner.get("/audit").body();
    assertThat(all).contains(una).contains(vic).contains("data-action=\"INVITATION_ACCEPTED\"")
        .contains("<option value=\"" + unaId + "\"");

    String sent = owner.get("/audit?action=INVITATION_SENT").body();
    assertThat(sent).contains(una).contains(vic).doesNotContain("data-action=\"INVITATION_ACCEPTED\"")
        .contains("<option value=\"INVITATION_SENT\" selected=\"selected\">");
    String unas = owner.get("/audit?member=" + unaId).body();
    // Una's entries: those about her account (the invitation she accepted), not Vic's invitation.
    assertThat(unas).contains(una).doesNotContain(vic).contains("data-action=\"INVITATION_ACCEPTED\"");
    String both = owner.get("/audit?action=INVITATION_ACCEPTED&member=" + unaId).body();
    assertThat(both).contains(una).doesNotContain(vic).doesNotContain("data-action=\"INVITATION_SENT\"");
    assertThat(both).doesNotContain("Matches among").doesNotContain("id=\"previous-page\"");
  }

  @Test
  void the_heading_counts_the_members_and_the_invited_from_the_librarys_kept_counts() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Counted");
    accept(org, "cara-" + UUID.randomUUID() + "@example.test", "Cara", "cara's long passphrase");
    membership.invitations().invite(org.owner(), org.id(), Invite.of("dee-" + UUID.randomUUID() + "@example.test", Role.MEMBER));
    membership.invitations().invite(org.owner(), org.id(), Invite.of("eli-" + UUID.randomUUID() + "@example.test", Role.MEMBER));
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());

    String page = owner.get("/members").body();

    assertThat(page).contains("Members (<span id=\"member-count\">2</span>)").contains("2 invited");
  }

  @Test
  void an_owner_makes_the_organisation_discoverable_in_its_settings_and_search_lists_it_until_turned_off() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Findable");
    membership.organisations().setDiscoverable(org.owner(), org.id(), false);
    String email = "seeker-" + UUID.randomUUID() + "@example.test";
    Arrange.account(membership, mailbox, email, "Seeker", "seeker's long passphrase");
    WebSession seeker = new WebSession(port);
    seeker.signIn(email, "seeker's long passphrase");
    String query = "/organisations?q=" + org.name().replace(' ', '+');
    assertThat(seeker.get(query).body()).doesNotContain("data-organisation=\"" + org.name() + "\"");

    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    assertThat(owner.get("/organisations").body()).contains("id=\"discoverable-form\"");
    assertThat(owner.post("/organisations/discoverable", Map.of("discoverable", "true")).statusCode()).isEqualTo(302);

    assertThat(seeker.get(query).body()).contains("data-organisation=\"" + org.name() + "\"");
    assertThat(owner.get("/organisations").body()).contains("People can now find this organisation");
    owner.post("/organisations/discoverable", Map.of());
    assertThat(seeker.get(query).body()).doesNotContain("data-organisation=\"" + org.name() + "\"");
    assertThat(membership.audit().list(org.owner(), org.id(), PageRequest.first()).items())
        .filteredOn(e -> e.action() == AuditAction.ORGANISATION_DISCOVERABILITY_CHANGED).hasSize(4); // Arrange's too
    assertThat(seeker.get("/organisations").body()).as("a plain person has no settings to change")
        .doesNotContain("id=\"discoverable-form\"");
  }

  @Test
  void administrators_see_in_app_notices_of_joins_and_requests_and_plain_members_do_not() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Noticed");
    String joiner = "jo-" + UUID.randomUUID() + "@example.test";
    accept(org, joiner, "Jo", "jo's long passphrase");
    String asker = "ask-" + UUID.randomUUID() + "@example.test";
    membership.joinRequests().request(Arrange.account(membership, mailbox, asker, "Asker", "asker's long passphrase"),
        org.id());
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    String page = owner.get("/members").body();
    assertThat(page).contains("id=\"admin-notices\"")
        .contains(joiner + " accepted the invitation and is now a member.")
        .contains(asker + " asks to join; answer on the Join Requests tab.");

    WebSession jo = new WebSession(port);
    jo.signIn(joiner, "jo's long passphrase");
    assertThat(jo.get("/members").body()).doesNotContain("admin-notices").doesNotContain(asker);
  }

  @Test
  void the_removed_filter_shows_an_erased_member_by_pseudonym_as_an_erased_account_never_by_the_placeholder() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Erasing");
    String member = "eve-" + UUID.randomUUID() + "@example.test";
    AccountId eve = accept(org, member, "Eve Erased", "eve's long passphrase");
    String pseudonym = membership.erasure().eraseOnRequest("ticket 1", eve).pseudonym();
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());

    String page = owner.get("/members?badge=REMOVED").body();

    assertThat(rowOf(page, "Erased account")).contains(pseudonym).contains("data-badge");
    // Nor anywhere else on the page: the in-app notice that Eve joined went with the erasure.
    assertThat(page).doesNotContain("erased.invalid").doesNotContain(member).doesNotContain("Eve Erased");
  }

  private AccountId accept(Arrange.Organisation org, String email, String name, String password) {
    membership.invitations().invite(org.owner(), org.id(), Invite.of(email, Role.MEMBER));
    String link = mailbox.newestFirst().stream().filter(m -> m.to().equals(email)).findFirst().orElseThrow()
        .link().orElseThrow().getPath();
    return membership.invitations().acceptAsNewAccount(link.substring(link.lastIndexOf('/') + 1),
        NewMemberDetails.of(name, password)).account().id();
  }

  /** The HTML of one row of the members table. */
  private static String rowOf(String page, String email) {
    Matcher row = Pattern.compile("<tr data-email=\"" + Pattern.quote(email) + "\">(.*?)</tr>", Pattern.DOTALL)
        .matcher(page);
    assertThat(row.find()).as("a row for " + email).isTrue();
    return row.group(1);
  }
}
