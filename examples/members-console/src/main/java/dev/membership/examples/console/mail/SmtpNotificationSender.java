package dev.membership.examples.console.mail;

import dev.membership.domain.Notification;
import dev.membership.spi.NotificationSender;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends each notification as a plain-text e-mail through SMTP (Jakarta Mail / Angus, configured by
 * Spring Boot's {@code spring.mail.*} settings). A failure is thrown back so that the outbox retries.
 */
public final class SmtpNotificationSender implements NotificationSender {
  private final JavaMailSender mailSender;
  private final String from;

  public SmtpNotificationSender(JavaMailSender mailSender, String from) {
    this.mailSender = mailSender;
    this.from = from;
  }

  @Override
  public void send(Notification notification) throws Exception {
    MailContent content = MailContent.of(notification);
    MimeMessage message = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
    helper.setFrom(from);
    helper.setTo(notification.recipient().value());
    helper.setSubject(content.subject());
    helper.setText(content.body() + content.link().map(URI::toString).map(link -> "\n\n" + link).orElse(""));
    // Lets a relay or provider that honours it drop a second delivery of the same notification.
    message.setHeader("X-Idempotency-Key", notification.idempotencyKey());
    mailSender.send(message);
  }
}
