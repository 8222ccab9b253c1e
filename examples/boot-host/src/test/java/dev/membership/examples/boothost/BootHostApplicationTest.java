package dev.membership.examples.boothost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;

/** The starter alone gives this host a working Memberships bean, metrics and health. */
@SpringBootTest
class BootHostApplicationTest {
  private static final String PASSWORD = "correct horse battery staple";

  @Autowired Memberships membership;
  @Autowired BootHostApplication.SentMail mail;
  @Autowired MeterRegistry meters;
  @Autowired HealthContributorRegistry health;

  @Test
  void the_starter_gives_a_membership_bean_that_signs_up_creates_and_invites_with_links_from_the_base_url() {
    membership.accounts().register(Registration.of("owner@example.com", "Owner", PASSWORD));
    String link = lastLink("owner@example.com", NotificationType.VERIFY_EMAIL);
    assertThat(link).startsWith("https://members.example.com/verify/");
    AccountId owner = membership.accounts()
        .verifyEmail(link.substring(link.lastIndexOf('/') + 1), Password.of(PASSWORD)).id();

    var acme = membership.organisations().create(owner, "Acme");
    membership.invitations().invite(owner, acme.id(), Invite.of("bob@example.com", Role.MEMBER));

    assertThat(lastLink("bob@example.com", NotificationType.INVITATION))
        .startsWith("https://members.example.com/invitations/");
    assertThat(meters.get("membership.commands").tags("command", "invitations.invite", "outcome", "OK")
        .timer().count()).isEqualTo(1);
    assertThat(meters.get("membership.outbox.backlog").gauge().value()).isZero();
  }

  @Test
  void the_starter_adds_a_membership_health_indicator_that_is_up() {
    var indicator = (HealthIndicator) health.getContributor("membership");
    assertThat(indicator).isNotNull();
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    assertThat(indicator.health().getDetails()).containsEntry("migrations", "current");
  }

  private String lastLink(String email, NotificationType type) {
    return mail.notifications().stream()
        .filter(n -> n.type() == type && n.recipient().value().equals(email))
        .reduce((a, b) -> b)
        .flatMap(Notification::link)
        .orElseThrow()
        .toString();
  }
}
