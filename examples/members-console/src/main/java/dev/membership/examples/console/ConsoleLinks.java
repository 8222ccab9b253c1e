package dev.membership.examples.console;

import dev.membership.spring.boot.autoconfigure.MembershipLinks;
import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The links the library e-mails (an invitation, the confirmation of an address at sign-up), the one
 * part of the library's wiring the console defines itself (the starter builds the rest): the configured
 * {@code console.base-url} (required outside development mode); in development mode without one, this
 * server on localhost at the port it really listens on, which is known only once it listens (a random
 * one in the tests). Never the request's {@code Host} header: the client sets it, and a link built from
 * it would hand the token to whatever host it names.
 */
@Component
public record ConsoleLinks(ConsoleProperties properties, Environment environment) implements MembershipLinks {

  @Override
  public URI invitation(String token) {
    return links().invitation(token);
  }

  @Override
  public URI emailVerification(String token) {
    return links().emailVerification(token);
  }

  private MembershipLinks links() {
    String base = !properties.baseUrl().isEmpty() ? properties.baseUrl()
        : "http://localhost:" + environment.getProperty("local.server.port",
            environment.getProperty("server.port", "8080"));
    return MembershipLinks.under(URI.create(base), "/invitations/", "/verify/");
  }
}
