package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Membership;
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
  Membership membership;
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
}
