package dev.membership.examples.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Development mode ({@code console.dev-mode=true}, e.g. {@code --spring.profiles.active=dev}) listens
 * on the loopback interface only: its mailbox page shows every invitation link to whoever can reach the
 * server. A {@code server.address} that is not a loopback address stops the start-up.
 */
@Component
public class DevelopmentMode implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {
  private final ConsoleProperties properties;
  private final Environment environment;

  public DevelopmentMode(ConsoleProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public void customize(ConfigurableWebServerFactory factory) {
    if (!properties.devMode()) {
      return;
    }
    String configured = environment.getProperty("server.address", "");
    if (configured.isBlank()) {
      factory.setAddress(InetAddress.getLoopbackAddress());
      return;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(configured);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("server.address=" + configured + " is not an address of this machine", e);
    }
    if (!address.isLoopbackAddress()) {
      throw new IllegalStateException("Development mode (console.dev-mode=true) listens on loopback only: its "
          + "mailbox page shows every invitation link. server.address=" + configured + " is not a loopback "
          + "address; remove it, or leave development mode to serve other machines.");
    }
    factory.setAddress(address);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's own customizer applied server.address
  }
}
