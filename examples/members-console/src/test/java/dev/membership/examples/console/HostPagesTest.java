package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.MembershipId;
import dev.membership.domain.Role;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages built on the library's host-page reads (my requests, seats, audit actors, the access an
 * invitation offers, expired invitations, the current organisation) over plain HTTP. Each scenario
 * has an organisation of its own, so seat counts and rows are its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class HostPagesTest {
  @LocalServerPort
  int port;
  @Autowired
  Memberships membership;
  @Autowired
  MembershipStore store;
  @Autowired
  DevelopmentMailbox mailbox;

  @Test
  void a_requester_withdraws_a_pending_request_from_my_requests() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Withdrawn");
    String email = "wanda-" + UUID.randomUUID() + "@example.test";
    AccountId wanda = Arrange.account(membership, mailbox, email, "Wanda", "wanda's long passphrase");
    WebSession session = new WebSession(port);
    session.signIn(email, "wanda's long passphrase");
    assertThat(session.get("/organisations").body()).contains("You have no requests waiting for an answer.");

    session.get("/organisations?q=" + org.name().replace(' ', '+'));
    var asked = session.post("/organisations/" + org.id() + "/join-requests", Map.of("q", org.name(), "message", ""));
    assertThat(asked.statusCode()).isEqualTo(302);
    String page = session.get("/organisations?q=" + org.name().replace(' ', '+')).body();
    assertThat(page).contains("Your request was sent").contains("id=\"my-requests\"")
        .contains("data-organisation=\"" + org.name() + "\"").contains("data-requested")
        .doesNotContain("data-action=\"request-to-join\"");
    var request = membership.joinRequests().mine(wanda, Set.of(JoinRequestStatus.PENDING), PageRequest.first())
        .items().getFirst().request();
    assertThat(request.message()).as("an empty note is no message").isEmpty();

    var withdrawn = session.post("/organisations/join-requests/" + request.id() + "/withdraw", Map.of("q", org.name()));
    assertThat(withdrawn.statusCode()).isEqualTo(302);
    String after = session.follow(withdrawn).body();
    assertThat(after).contains("Your request was withdrawn").contains("You have no requests waiting for an answer.")
        .contains("data-action=\"request-to-join\"");
    assertThat(membership.joinRequests().mine(wanda, Set.of(), PageRequest.first()).items().getFirst().request().status())
        .isEqualTo(JoinRequestStatus.WITHDRAWN);
    assertThat(membership.joinRequests().list(org.owner(), org.id(), Set.of(JoinRequestStatus.PENDING),
        PageRequest.first()).items()).isEmpty();

    session.get("/organisations");
    var again = session.post("/organisations/join-requests/" + request.id() + "/withdraw", Map.of());
    assertThat(session.follow(again).body())
        .as("withdrawing twice names why, in the words of the library's own code")
        .contains("That request was withdrawn.");
  }

  @Test
  void nobody_withdraws_another_persons_request() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Others");
    String email = "owen-" + UUID.randomUUID() + "@example.test";
    AccountId owen = Arrange.account(membership, mailbox, email, "Owen", "owen's long passphrase");
    var request = membership.joinRequests().request(owen, org.id());
    WebSession stranger = new WebSession(port);
    stranger.signIn(DemoData.MEMBER_EMAIL, DemoData.MEMBER_PASSWORD);
    stranger.get("/organisations");
    var refused = stranger.post("/organisations/join-requests/" + request.id() + "/withdraw", Map.of());
    assertThat(stranger.follow(refused).body())
        .contains("That join request does not exist.");
    assertThat(membership.joinRequests().mine(owen, Set.of(JoinRequestStatus.PENDING), PageRequest.first()).items())
        .hasSize(1);
  }

  @Test
  void the_add_member_dialog_the_access_pickers_and_the_roles_page_show_free_seats() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Seats");
    Arrange.access(membership, org, "reports", "Reports", 3);
    Arrange.access(membership, org, "wiki", "Wiki", null);
    membership.invitations().invite(org.owner(), org.id(),
        Invite.of("r1-" + UUID.randomUUID() + "@example.test", Role.MEMBER).withAccess("reports", "wiki"));
    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());

    String members = owner.get("/members").body();
    assertThat(members).contains("2 of 3 seats free").contains("unlimited seats");
    assertThat(owner.get("/roles").body()).contains("2 of 3 seats free (1 in use)").contains("Unlimited (1 in use)");

    membership.invitations().invite(org.owner(), org.id(),
        Invite.of("r2-" + UUID.randomUUID() + "@example.test", Role.MEMBER).withAccess("reports"));
    membership.invitations().invite(org.owner(), org.id(),
        Invite.of("r3-" + UUID.randomUUID() + "@example.test", Role.MEMBER).withAccess("reports"));
    String full = owner.get("/members").body();
    assertThat(full).contains("0 of 3 seats free");
    assertThat(full).containsPattern("name=\"access\" value=\"reports\" disabled");
  }

  @Test
  void setting_access_changes_nothing_when_one_of_the_chosen_has_no_free_seat() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Atomic");
    Arrange.access(membership, org, "solo", "Solo", 1);
    Arrange.access(membership, org, "wiki", "Wiki", null);
    Arrange.access(membership, org, "chat", "Chat", null);
    membership.invitations().invite(org.owner(), org.id(),
        Invite.of("solo-" + UUID.randomUUID() + "@example.test", Role.MEMBER).withAccess("solo"));
    MembershipId member = member(org, "wiki");

    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    owner.get("/members");
    var refused = owner.post("/members/" + member + "/access", Map.of("access", "solo"));
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(owner.get("/members").body()).contains("class=\"error\"");
    assertThat(grants(org, member)).as("nothing changed").containsExactly(EntitlementKey.of("wiki"));

    var done = owner.post("/members/" + member + "/access", Map.of("access", "chat"));
    assertThat(done.statusCode()).isEqualTo(302);
    assertThat(owner.get("/members").body()).contains("The application access was changed.");
    assertThat(grants(org, member)).containsExactly(EntitlementKey.of("chat"));
    assertThat(owner.get("/audit").body()).contains("data-action=\"MEMBER_ACCESS_GRANTED\"")
        .contains("data-action=\"MEMBER_ACCESS_REVOKED\"");
  }

  @Test
  void the_audit_page_names_the_actor_of_each_line() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Audited");
    String adminEmail = "aud-admin-" + UUID.randomUUID() + "@example.test";
    membership.invitations().invite(org.owner(), org.id(), Invite.of(adminEmail, Role.ADMIN));
    membership.invitations().acceptAsNewAccount(token(adminEmail), NewMemberDetails.of("Adele Auditor",
        "adele's long passphrase"));
    WebSession admin = new WebSession(port);
    admin.signIn(adminEmail, "adele's long passphrase");
    admin.get("/members");
    admin.post("/members/add", Map.of("email", "by-adele-" + UUID.randomUUID() + "@example.test", "role", "member",
        "submit", "invite"));

    String audit = admin.get("/audit").body();
    assertThat(actorOf(audit, "INVITATION_SENT")).isEqualTo("Adele Auditor");
    assertThat(actorOf(audit, "ORGANISATION_CREATED")).isEqualTo("Audited Owner");
    assertThat(actorOf(audit, "INVITATION_ACCEPTED")).isEqualTo("Adele Auditor");
  }

  @Test
  void the_invitation_page_lists_the_application_access_it_offers() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Offering");
    Arrange.access(membership, org, "wiki", "Team Wiki", null);
    Arrange.access(membership, org, "books", "Bookkeeping", 5);
    String with = "with-" + UUID.randomUUID() + "@example.test";
    String without = "without-" + UUID.randomUUID() + "@example.test";
    membership.invitations().invite(org.owner(), org.id(), Invite.of(with, Role.MEMBER).withAccess("wiki", "books"));
    membership.invitations().invite(org.owner(), org.id(), Invite.of(without, Role.MEMBER));

    WebSession invitee = new WebSession(port);
    String page = invitee.get("/invitations/" + token(with)).body();
    assertThat(page).contains("id=\"invitation-access\"");
    assertThat(page.indexOf(">Bookkeeping<")).isPositive().isLessThan(page.indexOf(">Team Wiki<"));
    assertThat(invitee.get("/invitations/" + token(without)).body()).doesNotContain("id=\"invitation-access\"");
  }

  @Test
  void an_expired_invitation_shows_with_its_badge_and_is_resent_or_cancelled_from_its_row() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Expiry");
    Arrange.access(membership, org, "pair", "Pair", 1);
    String renewed = "renew-" + UUID.randomUUID() + "@example.test";
    String dropped = "drop-" + UUID.randomUUID() + "@example.test";
    Invitation toRenew = Arrange.expiredInvitation(store, org.owner(), org.id(),
        Invite.of(renewed, Role.MEMBER).withAccess("pair"));
    Invitation toDrop = Arrange.expiredInvitation(store, org.owner(), org.id(), Invite.of(dropped, Role.MEMBER));

    WebSession owner = new WebSession(port);
    owner.signIn(org.ownerEmail(), org.ownerPassword());
    String expired = owner.get("/members?badge=EXPIRED").body();
    assertThat(expired).contains(renewed).contains(dropped).contains("data-badge>Expired<")
        .contains("Invitation expired").doesNotContain("data-badge>Active<")
        .contains("/members/invitations/" + toRenew.id() + "/resend")
        .contains("/members/invitations/" + toRenew.id() + "/cancel");
    assertThat(owner.get("/members").body()).as("listed on the page with no filter too").contains(renewed)
        .contains("1 of 1 seats free");

    var resent = owner.post("/members/invitations/" + toRenew.id() + "/resend", Map.of());
    assertThat(resent.statusCode()).isEqualTo(302);
    String afterResend = owner.get("/members?badge=PENDING").body();
    assertThat(afterResend).contains("The invitation was sent again with a new link").contains(renewed)
        .contains("data-badge>Pending<").contains("0 of 1 seats free");
    assertThat(mailbox.newestFirst()).anyMatch(mail -> mail.to().equals(renewed) && mail.link().isPresent());

    var cancelled = owner.post("/members/invitations/" + toDrop.id() + "/cancel", Map.of());
    assertThat(cancelled.statusCode()).isEqualTo(302);
    String afterCancel = owner.get("/members").body();
    assertThat(afterCancel).contains("The invitation was cancelled").doesNotContain(dropped);
  }

  @Test
  void a_megabyte_password_gets_the_same_sentence_as_a_wrong_one() {
    WebSession person = new WebSession(port);
    assertThat(person.signIn(DemoData.OWNER_EMAIL, "x".repeat(1_000_000))).endsWith("/signin?error");
    assertThat(person.get("/signin?error").body()).contains("The e-mail address or the password is not right.");
  }

  @Test
  void the_chosen_organisation_stays_current_beyond_the_switchers_first_page() {
    String email = "many-" + UUID.randomUUID() + "@example.test";
    AccountId many = Arrange.account(membership, mailbox, email, "Manny Many", "manny's long passphrase");
    for (int i = 0; i < PageRequest.MAX_LIMIT; i++) {
      membership.organisations().create(many, "Aa %03d".formatted(i));
    }
    var last = membership.organisations().create(many, "Zz Last");
    WebSession session = new WebSession(port);
    session.signIn(email, "manny's long passphrase");
    session.get("/organisations");
    session.post("/organisations/switch", Map.of("organisation", last.id().toString()));
    assertThat(currentOrganisation(session.get("/members"))).isEqualTo("Zz Last");
    assertThat(currentOrganisation(session.get("/roles"))).isEqualTo("Zz Last");

    var elsewhere = membership.organisations().create(
        membership.accounts().findByEmail(DemoData.OWNER_EMAIL).orElseThrow().id(), "Not Manny's");
    session.post("/organisations/switch", Map.of("organisation", elsewhere.id().toString()));
    assertThat(currentOrganisation(session.get("/members"))).as("an organisation the person is not in falls back")
        .isEqualTo("Aa 000");
  }

  private static String currentOrganisation(HttpResponse<String> page) {
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher name = Pattern.compile("id=\"current-organisation\">([^<]*)<").matcher(page.body());
    assertThat(name.find()).isTrue();
    return name.group(1);
  }

  /** The "Who" cell of the newest line of one action. */
  private static String actorOf(String auditPage, String action) {
    Matcher line = Pattern.compile("data-actor title=\"[^\"]*\">([^<]*)</td>\\s*<td data-action=\"" + action + "\"")
        .matcher(auditPage);
    assertThat(line.find()).as(action).isTrue();
    return line.group(1);
  }

  private String token(String email) {
    String link = mailbox.newestFirst().stream().filter(m -> m.to().equals(email)).flatMap(m -> m.link().stream())
        .findFirst().orElseThrow().toString();
    return link.substring(link.lastIndexOf('/') + 1);
  }

  /** A member who accepted an invitation with this access. */
  private MembershipId member(Arrange.Organisation org, String... access) {
    String email = "mem-" + UUID.randomUUID() + "@example.test";
    membership.invitations().invite(org.owner(), org.id(), Invite.of(email, Role.MEMBER).withAccess(access));
    return membership.invitations().acceptAsNewAccount(token(email), NewMemberDetails.of("Mem Ber",
        "mem's long passphrase")).membership().id();
  }

  private Set<EntitlementKey> grants(Arrange.Organisation org, MembershipId member) {
    return ((MemberRow.Member) membership.members().get(org.owner(), org.id(), member).row()).membership().grants();
  }
}
