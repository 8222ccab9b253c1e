package dev.membership.examples.boothost;

import dev.membership.domain.Notification;
import dev.membership.spi.NotificationSender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot host on {@code membership-spring-boot-starter}: all it writes for Membership is the
 * {@link NotificationSender} (here an outbox of its own that keeps the e-mails; a real host sends
 * them) and {@code membership.base-url} in {@code application.properties}.
 */
@SpringBootApplication
public class BootHostApplication {

  public static void main(String[] args) {
    SpringApplication.run(BootHostApplication.class, args);
  }

  /** The e-mails the application "sent", newest last. */
  @Bean
  SentMail sentMail() {
    return new SentMail(new CopyOnWriteArrayList<>());
  }

  @Bean
  NotificationSender notificationSender(SentMail mail) {
    return mail.notifications()::add;
  }

  /** Where this example keeps what it would have e-mailed. */
  public record SentMail(List<Notification> notifications) {}
}
