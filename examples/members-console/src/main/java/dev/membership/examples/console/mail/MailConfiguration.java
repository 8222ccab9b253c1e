package dev.membership.examples.console.mail;

import dev.membership.examples.console.ConsoleProperties;
import dev.membership.spi.NotificationSender;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Chooses how e-mails leave: {@code console.mail=smtp} (the default), or {@code console.mail=mailbox}
 * (kept for the development mailbox page), which only development mode allows.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

  @Bean
  @ConditionalOnProperty(name = "console.mail", havingValue = "mailbox")
  DevelopmentMailbox developmentMailbox(ConsoleProperties properties) {
    if (!properties.devMode()) {
      throw new IllegalStateException("console.mail=mailbox shows every e-mail, invitation links included, on a "
          + "page: it needs development mode (console.dev-mode=true, e.g. --spring.profiles.active=dev). "
          + "Outside it, send e-mail with console.mail=smtp and spring.mail.host.");
    }
    return new DevelopmentMailbox(Clock.systemUTC());
  }

  @Bean
  @ConditionalOnProperty(name = "console.mail", havingValue = "smtp", matchIfMissing = true)
  NotificationSender smtpNotificationSender(ObjectProvider<JavaMailSender> mailSender, ConsoleProperties properties) {
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException("console.mail=smtp needs an SMTP server: set spring.mail.host (and "
          + "spring.mail.port, spring.mail.username, spring.mail.password as needed), or try the console in "
          + "development mode (--spring.profiles.active=dev), which keeps e-mails on its mailbox page.");
    }
    return new SmtpNotificationSender(sender, properties.mailFrom());
  }
}
