package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.AuditAction;
import dev.membership.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A person never reads a raw error code or audit action: each has a sentence in messages.properties. */
class EveryErrorHasASentenceTest {

  private static Properties messages() throws IOException {
    Properties messages = new Properties();
    try (InputStream in = EveryErrorHasASentenceTest.class.getResourceAsStream("/messages.properties")) {
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return messages;
  }

  @Test
  void every_error_code_of_the_library_has_a_sentence() throws IOException {
    Properties messages = messages();
    assertThat(Arrays.stream(ErrorCode.values()).map(code -> "error." + code.name()))
        .allSatisfy(key -> assertThat(messages.getProperty(key)).as(key).isNotBlank());
  }

  @Test
  void every_audit_action_has_a_label() throws IOException {
    Properties messages = messages();
    assertThat(Arrays.stream(AuditAction.values()).map(action -> "audit." + action.name()))
        .allSatisfy(key -> assertThat(messages.getProperty(key)).as(key).isNotBlank());
  }
}
