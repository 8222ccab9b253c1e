package dev.membership.examples.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Says where the console can be opened once the server listens: the port it really got (with
 * {@code server.port=0} a free one), and the address its e-mailed links point to.
 */
@Component
public class StartUpLog implements ApplicationListener<WebServerInitializedEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(StartUpLog.class);
  private final ConsoleProperties properties;

  public StartUpLog(ConsoleProperties properties) {
    this.properties = properties;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    int port = event.getWebServer().getPort();
    String local = "http://localhost:" + port;
    if (properties.devMode()) {
      LOG.info("Members console (development mode, loopback only) is at {} ; e-mails: {}/dev/mailbox", local, local);
    } else {
      LOG.info("Members console listens on port {}; its links point to {}", port, properties.baseUrl());
    }
  }
}
