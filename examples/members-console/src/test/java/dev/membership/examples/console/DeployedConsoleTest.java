package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.membership.examples.console.mail.DevelopmentMailbox;
import dev.membership.spring.boot.autoconfigure.MembershipLinks;
import dev.membership.spring.boot.autoconfigure.MembershipOutboxDispatcher;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The console as it would be deployed: no {@code dev} profile, only the settings a deployment must
 * give (the base address of links, an SMTP host, never contacted here), and a database of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "console.base-url=https://members.example.test",
    "spring.mail.host=127.0.0.1", "spring.mail.port=1",
    "spring.datasource.url=jdbc:h2:mem:deployed-console;DB_CLOSE_DELAY=-1"})
class DeployedConsoleTest {
  @LocalServerPort
  int port;
  @Autowired
  ApplicationContext context;

  @Test
  void the_development_mailbox_is_not_found_and_not_linked_outside_development_mode() {
    WebSession stranger = new WebSession(port);
    var mailboxPage = stranger.get("/dev/mailbox");
    assertThat(mailboxPage.statusCode()).isEqualTo(404);
    assertThat(mailboxPage.body()).doesNotContain("Development mailbox");
    assertThat(stranger.get("/signin").body()).doesNotContain("/dev/mailbox").doesNotContain("Mailbox");
    stranger.get("/signup");
    var sent = stranger.post("/signup", Map.of("displayName", "Dee", "email",
        "dee-" + UUID.randomUUID() + "@example.test", "password", "dee's own long passphrase"));
    assertThat(sent.body()).contains("Check your inbox").doesNotContain("/dev/mailbox");
    assertThat(context.getBeanNamesForType(DevelopmentMailbox.class)).isEmpty();
  }

  @Test
  void the_library_comes_from_the_starter_with_the_console_links_and_the_outbox_dispatcher() {
    MembershipLinks links = context.getBean(MembershipLinks.class);
    assertThat(links).isInstanceOf(ConsoleLinks.class);
    assertThat(links.invitation("t0ken")).hasToString("https://members.example.test/invitations/t0ken");
    assertThat(links.emailVerification("t0ken")).hasToString("https://members.example.test/verify/t0ken");
    assertThat(context.getBean(MembershipOutboxDispatcher.class).isRunning()).isTrue();
  }

  @Test
  void no_demo_accounts_exist_outside_development_mode() {
    WebSession guesser = new WebSession(port);
    assertThat(guesser.signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD)).endsWith("/signin?error");
  }

  @Test
  void outside_development_mode_the_start_up_stops_without_a_base_url_for_links() {
    assertThat(startUpFailure("console.base-url=", "spring.mail.host=127.0.0.1"))
        .hasMessageContaining("console.base-url is required outside development mode")
        .hasMessageContaining("never from the Host header");
  }

  @Test
  void the_mailbox_outside_development_mode_stops_the_start_up_with_a_sentence() {
    assertThat(startUpFailure("console.mail=mailbox", "console.base-url=https://members.example.test"))
        .hasMessageContaining("console.mail=mailbox").hasMessageContaining("development mode");
  }

  @Test
  void development_mode_refuses_to_listen_beyond_loopback() {
    assertThat(startUpFailure("spring.profiles.active=dev", "server.address=0.0.0.0"))
        .hasMessageContaining("listens on loopback only").hasMessageContaining("server.address=0.0.0.0");
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
  void the_start_up_log_names_the_port_the_server_really_listens_on(
      org.springframework.boot.test.system.CapturedOutput output) {
    int port;
    try (var console = new SpringApplicationBuilder(MembersConsoleApplication.class).run("--server.port=0",
        "--spring.profiles.active=dev", "--spring.main.banner-mode=off",
        "--spring.datasource.url=jdbc:h2:mem:start-up-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")) {
      port = ((org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext) console)
          .getWebServer().getPort();
    }
    assertThat(port).isNotEqualTo(8080);
    assertThat(output.getOut())
        .contains("Members console (development mode, loopback only) is at http://localhost:" + port + " ")
        .contains("Members console demo data is ready at http://localhost:" + port + " ")
        .doesNotContain("http://localhost:8080");
  }

  /** Starts the console with these settings; the innermost cause of the failure it must end in. */
  static Throwable startUpFailure(String... properties) {
    // As command-line arguments, which win over application.properties.
    String[] arguments = java.util.stream.Stream.concat(
        java.util.stream.Stream.of("server.port=0", "spring.main.banner-mode=off",
            "spring.datasource.url=jdbc:h2:mem:start-up-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
        java.util.Arrays.stream(properties)).map(p -> "--" + p).toArray(String[]::new);
    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(MembersConsoleApplication.class)
        .run(arguments)
        .close());
    assertThat(failure).as("the start-up must fail").isNotNull();
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root;
  }
}
