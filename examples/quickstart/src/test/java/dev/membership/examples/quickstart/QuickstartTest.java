package dev.membership.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.MembershipStatus;
import dev.membership.testkit.InMemoryMembershipStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  @Test
  void quickstart_walks_every_flow_and_leaves_the_story_in_the_store() {
    var store = new InMemoryMembershipStore();
    PrintStream original = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      var acme = Quickstart.run(store);
      long active = store.inTransaction(tx -> tx.memberships().countActiveWithRole(acme, dev.membership.domain.Role.MEMBER.id()));
      assertThat(active).isEqualTo(2); // Bo, and Hal who joined by the verified domain; Carla was removed
      assertThat(store.inTransaction(tx -> tx.audit().page(acme, dev.membership.query.PageRequest.first(200))).items())
          .extracting(e -> e.action().name())
          .contains("INVITATION_ACCEPTED", "MEMBER_CREATED_BY_ADMIN", "JOIN_REQUEST_APPROVED", "JOIN_REQUEST_DENIED",
              "MEMBER_DEACTIVATED", "MEMBER_REACTIVATED", "MEMBER_REMOVED", "DOMAIN_ADDED", "DOMAIN_VERIFIED",
              "DOMAIN_ENROLLMENT_CHANGED", "MEMBER_JOINED_BY_DOMAIN");
      assertThat(store.inTransaction(tx -> tx.reads().memberPage(acme, dev.membership.query.MemberQuery.all()
              .withBadges(dev.membership.query.MemberBadge.REMOVED), java.time.Instant.now())).items())
          .singleElement()
          .satisfies(row -> assertThat(((dev.membership.query.MemberRow.Member) row).membership().status())
              .isEqualTo(MembershipStatus.REMOVED));
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("[e-mail to ana@acme.test] Olivia Owner invited you to join Acme as Admin: https://app.example/invitations/")
        .contains("Temporary password for Bo, shown this once: ")
        .contains("Bo signs in with it: PasswordChangeRequired")
        .contains("Refused with PERMISSION_DENIED")
        .contains("Before: 0 found")
        .contains("After: [Acme]")
        .contains("Two letters: refused with INVALID_INPUT on text (too_short)")
        .contains("(page 1 again)")
        .contains("MEMBER_DEACTIVATED  bo@acme.test")
        .contains("Bo opens Designer 2025.3: Allowed[]")
        .contains("To warn before the upgrade: Bo Builder on 2025.3, needs 2025.4")
        .contains("Bo again: ClientTooOld[minimum=2025.4, since=")
        .contains("The host's scheduled upkeep runs: 1 notice sent")
        .contains("[e-mail to olivia@acme.test] Designer at Acme ends at ")
        .contains("running the upkeep again sends 0 notices")
        .contains("refused with LAST_OWNER")
        .contains("Reactivated. Can Bo view members? true. Analytics? true")
        .contains("[host] end every session of Bo Builder but the one that changed the password")
        .contains("[host] end Bo Builder's sessions in the organisation")
        .contains("[host] end Carla Contractor's sessions in the organisation")
        .contains("fay@example.test   invited")
        .contains("ana@acme.test      refused: ALREADY_MEMBER")
        .contains("not an address     refused: INVALID_INPUT on invitations[3].email")
        .contains("Hal signed up with hal@acme.test and joined Acme automatically as a Member (origin DOMAIN).")
        .contains("gmail.com is refused: shared_mail_provider")
        .containsPattern("Acme's history names her \"Former member [0-9A-F]{6}\"")
        .containsPattern("MEMBER_REMOVED  Former member [0-9A-F]{6}")
        .containsPattern("\\[host\\] end every session of Former member [0-9A-F]{6}")
        .contains("carla@example.test signs in: Failed")
        .contains("tries \"delete my account\": LAST_OWNER")
        .contains("The retention upkeep (the host schedules it): 0 rows past retention deleted")
        .contains("Typed \"side project\": refused with INVALID_INPUT on confirmation (does_not_match)")
        .contains("[e-mail to ivan@example.test] Side Project was deleted; your membership ended with it")
        .contains("[host] end everyone's sessions in the organisation")
        .contains("Gus's link now shows: CANCELLED")
        .contains("Gus accepts anyway: refused with ORGANISATION_DELETED")
        .contains("Ivan's organisations now: []")
        .contains("Olivia, a former owner, still reads its log: ORGANISATION_DELETED; readable until ")
        .contains("The host's scheduled upkeep purges it only after that: 0 rows purged today");
  }
}
