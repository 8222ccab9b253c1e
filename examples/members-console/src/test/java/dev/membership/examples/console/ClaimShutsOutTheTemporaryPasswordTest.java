package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.domain.Role;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * An account an admin created directly, claimed through an invitation link by the owner of its address
 *: whoever signed in with the admin's temporary password keeps no way in.
 *
 * <p>An account is claimable only while it has never signed in ({@code Account.isClaimable}), and the
 * console gives a temporary password no session: the browser is only parked at the forced change
 * ({@code PendingPasswordChange}, not in the session registry). So a claim never finds a signed-in
 * session of the account to end; what shuts the parked browser out is the claim replacing the
 * temporary password, which the forced change must prove.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class ClaimShutsOutTheTemporaryPasswordTest {
  @LocalServerPort
  int port;
  @Autowired
  Memberships membership;
  @Autowired
  DevelopmentMailbox mailbox;

  @Test
  void a_claim_through_an_invitation_shuts_out_the_browser_parked_on_the_temporary_password_and_the_claimer_goes_on() {
    Arrange.Organisation creator = Arrange.organisation(membership, mailbox, "Creator");
    Arrange.Organisation inviter = Arrange.organisation(membership, mailbox, "Inviter");
    String email = "cleo-" + UUID.randomUUID() + "@example.test";
    String temporary = membership.members().createDirectly(creator.owner(), creator.id(),
        NewAccount.generatedPassword(email, "Cleo", Role.MEMBER)).temporaryPassword().reveal();

    WebSession parked = new WebSession(port);
    assertThat(parked.signIn(email, temporary)).contains("/password/first");
    assertThat(parked.get("/password/first").statusCode()).isEqualTo(200);
    assertThat(parked.get("/members").headers().firstValue("Location").orElseThrow())
        .as("a temporary password gives no session, only the forced change").endsWith("/signin");

    membership.invitations().invite(inviter.owner(), inviter.id(), Invite.of(email, Role.MEMBER));
    String link = mailbox.newestFirst().stream().filter(mail -> mail.to().equals(email))
        .flatMap(mail -> mail.link().stream()).findFirst().orElseThrow().getPath();
    WebSession claimer = new WebSession(port);
    claimer.get(link);
    var claimed = claimer.post(link + "/new-account", Map.of("displayName", "Cleo Claimed",
        "password", "cleo's own long passphrase", "confirmPassword", "cleo's own long passphrase"));
    assertThat(claimed.headers().firstValue("Location").orElseThrow()).endsWith("/members");

    parked.get("/password/first");
    var refused = parked.post("/password/first", Map.of("currentPassword", temporary,
        "newPassword", "someone else's passphrase", "confirmPassword", "someone else's passphrase"));
    assertThat(refused.statusCode()).as("the temporary password no longer proves anything").isEqualTo(200);
    assertThat(refused.body()).contains("id=\"choose-password\"");
    assertThat(parked.get("/members").headers().firstValue("Location").orElseThrow()).endsWith("/signin");
    assertThat(parked.signIn(email, temporary)).endsWith("/signin?error");

    assertThat(claimer.get("/members").statusCode()).as("the claiming browser goes on").isEqualTo(200);
    assertThat(claimer.get("/organisations").body()).contains(inviter.name());
  }
}
