package dev.membership.examples.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The members console: a small web application that embeds Membership the way a product team would.
 * Spring owns HTTP, pages, sessions and e-mail transport; the library owns the rules and the data.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MembersConsoleApplication {
  public static void main(String[] args) {
    // jOOQ greets with a banner and a tip of the day; keep the start-up log to what matters.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    SpringApplication.run(MembersConsoleApplication.class, args);
  }
}
