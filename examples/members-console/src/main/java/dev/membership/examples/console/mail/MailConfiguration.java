package dev.membership.examples.console.mail;

import dev.membership.examples.console.ConsoleProperties;
import dev.membership.spi.NotificationSender;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Chooses how e-mails leave: {@code console.mail=mailbox} (default) or {@code console.mail=smtp}. */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

  @Bean
  @ConditionalOnProperty(name = "console.mail", havingValue = "mailbox", matchIfMissing = true)
  DevelopmentMailbox developmentMailbox() {
    return new DevelopmentMailbox(Clock.systemUTC());
  }

  @Bean
  @ConditionalOnProperty(name = "console.mail", havingValue = "smtp")
  NotificationSender smtpNotificationSender(ObjectProvider<JavaMailSender> mailSender, ConsoleProperties properties) {
    return new SmtpNotificationSender(mailSender.getObject(), properties.mailFrom());
  }
}
