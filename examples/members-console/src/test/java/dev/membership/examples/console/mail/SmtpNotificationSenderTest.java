package dev.membership.examples.console.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SmtpNotificationSenderTest {

  @Test
  void an_invitation_goes_out_as_a_plain_text_email_with_its_link_and_idempotency_key() throws Exception {
    List<MimeMessage> sent = new ArrayList<>();
    JavaMailSenderImpl smtp = new JavaMailSenderImpl() {
      @Override
      public void send(MimeMessage... messages) {
        sent.addAll(List.of(messages));
      }
    };
    Notification invitation = new Notification(NotificationId.random(), NotificationType.INVITATION,
        Optional.of(OrganisationId.random()), EmailAddress.of("ana@acme.test"),
        Map.of("organisationName", "Acme", "inviterName", "Olivia", "roleName", "Admin", "expiresAt", "soon"),
        Optional.of(URI.create("https://console.example/invitations/secret-token")), Instant.now());

    new SmtpNotificationSender(smtp, "console@acme.test").send(invitation);

    assertThat(sent).hasSize(1);
    MimeMessage mail = sent.getFirst();
    assertThat(mail.getSubject()).isEqualTo("Olivia invited you to join Acme");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ana@acme.test");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("console@acme.test");
    assertThat(mail.getContent().toString())
        .contains("Olivia invited you to join Acme as Admin")
        .contains("https://console.example/invitations/secret-token");
    assertThat(mail.getHeader("X-Idempotency-Key")).containsExactly(invitation.idempotencyKey());
  }
}
