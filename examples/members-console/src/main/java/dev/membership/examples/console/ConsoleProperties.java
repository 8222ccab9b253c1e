package dev.membership.examples.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's settings ({@code console.*} in {@code application.properties}).
 *
 * @param devMode development mode ({@code console.dev-mode}, set by the {@code dev} profile): the
 *     development mailbox page and the demo data are available, the server listens on loopback only,
 *     and links default to {@code http://localhost:<port>}. Off by default: a deployed console is never
 *     in development mode.
 * @param baseUrl the address e-mailed links (invitations, address confirmations) point to, e.g.
 *     {@code https://members.example.com}; required outside development mode. Links are never built from
 *     the request's {@code Host} header, which the client chooses.
 * @param pageSize rows per page on the members and audit pages
 * @param mail how e-mails leave: {@code smtp}, or {@code mailbox} (the development mailbox page, in
 *     development mode only)
 * @param mailFrom the sender address of SMTP e-mails
 * @param demo whether to seed the demo organisation at start-up (in development mode with the mailbox only)
 */
@ConfigurationProperties("console")
public record ConsoleProperties(
    @DefaultValue("false") boolean devMode,
    @DefaultValue("") String baseUrl,
    @DefaultValue("20") int pageSize,
    @DefaultValue("smtp") String mail,
    @DefaultValue("members-console@localhost") String mailFrom,
    @DefaultValue("false") boolean demo) {

  public ConsoleProperties {
    baseUrl = baseUrl.strip().replaceAll("/+$", "");
    if (baseUrl.isEmpty() && !devMode) {
      throw new IllegalArgumentException("console.base-url is required outside development mode: set it to the "
          + "address people open the console at, e.g. console.base-url=https://members.example.com. Invitation and "
          + "address-confirmation links are built from it, never from the Host header of a request, which the "
          + "client chooses. (To try the console on this machine, run it in development mode: "
          + "--spring.profiles.active=dev.)");
    }
    if (!baseUrl.isEmpty()) {
      java.net.URI uri;
      try {
        uri = java.net.URI.create(baseUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("console.base-url is not an address: " + baseUrl, e);
      }
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
        throw new IllegalArgumentException("console.base-url must be an http(s) address with a host and no query, "
            + "e.g. https://members.example.com; it is " + baseUrl);
      }
    }
  }
}
