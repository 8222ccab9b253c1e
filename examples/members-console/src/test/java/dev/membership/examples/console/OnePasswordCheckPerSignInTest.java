package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.crypto.Argon2idPasswordHasher;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import dev.membership.spi.PasswordHasher;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * One sign-in attempt through the form is one password check and one counted failure: the library's
 * back-off starts after exactly the policy's free failures, not earlier. The console's Memberships is
 * built on a hasher that counts its checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@Import(OnePasswordCheckPerSignInTest.Counting.class)
class OnePasswordCheckPerSignInTest {
  @LocalServerPort
  int port;
  @Autowired
  Memberships membership;
  @Autowired
  DevelopmentMailbox mailbox;
  @Autowired
  CountingHasher hasher;

  @Test
  void each_wrong_password_is_checked_once_and_the_back_off_starts_after_exactly_the_policys_free_failures() {
    String email = "paula-" + UUID.randomUUID() + "@example.test";
    Arrange.account(membership, mailbox, email, "Paula", "paula's long passphrase");
    int free = MembershipPolicy.SignInThrottling.defaults().freeFailures(); // the console's policy: 5
    WebSession guesser = new WebSession(port, "127.0.0.31");

    for (int attempt = 1; attempt <= free; attempt++) {
      hasher.verifies.set(0);
      assertThat(guesser.signIn(email, "wrong guess number " + attempt)).endsWith("/signin?error");
      assertThat(hasher.verifies).as("password checks of attempt %d", attempt).hasValue(1);
      assertThat(guesser.get("/signin?error").body()).as("attempt %d", attempt)
          .contains("The e-mail address or the password is not right.");
    }

    hasher.verifies.set(0);
    assertThat(guesser.signIn(email, "wrong guess number " + (free + 1))).endsWith("/signin?error");
    assertThat(guesser.get("/signin?error").body()).contains("Too many attempts; try again in 30 seconds.");
    assertThat(hasher.verifies).as("a held-back attempt checks no password").hasValue(0);
  }

  @Test
  void a_right_password_is_checked_once() {
    String email = "rita-" + UUID.randomUUID() + "@example.test";
    Arrange.account(membership, mailbox, email, "Rita", "rita's long passphrase");
    hasher.verifies.set(0);
    assertThat(new WebSession(port).signIn(email, "rita's long passphrase")).doesNotEndWith("/signin?error");
    assertThat(hasher.verifies).hasValue(1);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Counting {
    @Bean
    CountingHasher countingHasher() {
      return new CountingHasher();
    }
  }

  /** The library's Argon2id, counting how often a password is checked. */
  static final class CountingHasher implements PasswordHasher {
    final AtomicInteger verifies = new AtomicInteger();
    private final PasswordHasher argon2id = Argon2idPasswordHasher.owaspMinimum();

    @Override
    public PasswordHash hash(Password password) {
      return argon2id.hash(password);
    }

    @Override
    public boolean verify(PasswordHash hash, Password password) {
      verifies.incrementAndGet();
      return argon2id.verify(hash, password);
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
      return argon2id.needsRehash(hash);
    }
  }
}
