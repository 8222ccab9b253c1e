package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.IllegalStateTransitionException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code AWAITING_VERIFICATION -> VERIFIED | ENDED}; what was chosen is kept only while awaiting. */
class SignUpStateMachineTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final EmailAddress ANA = EmailAddress.of("ana@acme.test");

  private static SignUp awaiting() {
    return SignUp.awaiting(ANA, "Ana", new PasswordHash("$test$ana"), TokenHash.of("token"), NOW.plus(Duration.ofDays(1)),
        NOW);
  }

  @Test
  void a_sign_up_awaiting_verification_is_open_until_it_expires() {
    assertThat(awaiting().isOpenAt(NOW.plus(Duration.ofHours(23)))).isTrue();
    assertThat(awaiting().isOpenAt(NOW.plus(Duration.ofDays(1)))).isFalse();
  }

  @Test
  void verifying_erases_what_was_chosen_and_keeps_the_token_hash_so_the_link_reads_as_used() {
    SignUp verified = awaiting().verify(NOW.plus(Duration.ofHours(1)));

    assertThat(verified.status()).isEqualTo(SignUpStatus.VERIFIED);
    assertThat(verified.chosen()).isEmpty();
    assertThat(verified.tokenHash()).contains(TokenHash.of("token"));
    assertThat(verified.closedAt()).contains(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void an_expired_or_closed_sign_up_cannot_be_verified() {
    assertThatThrownBy(() -> awaiting().verify(NOW.plus(Duration.ofDays(1))))
        .isInstanceOf(IllegalStateTransitionException.class);
    assertThatThrownBy(() -> awaiting().end(NOW).verify(NOW)).isInstanceOf(IllegalStateTransitionException.class);
    assertThatThrownBy(() -> awaiting().verify(NOW).end(NOW)).isInstanceOf(IllegalStateTransitionException.class);
  }

  @Test
  void the_fifth_wrong_password_ends_the_sign_up() {
    SignUp signUp = awaiting();
    for (int i = 1; i < SignUp.MAX_FAILED_ATTEMPTS; i++) {
      signUp = signUp.failedAttempt(NOW);
      assertThat(signUp.status()).isEqualTo(SignUpStatus.AWAITING_VERIFICATION);
    }

    SignUp ended = signUp.failedAttempt(NOW);

    assertThat(ended.status()).isEqualTo(SignUpStatus.ENDED);
    assertThat(ended.failedAttempts()).isEqualTo(SignUp.MAX_FAILED_ATTEMPTS);
    assertThat(ended.chosen()).isEmpty();
  }

  @Test
  void a_sign_up_of_a_taken_address_keeps_nothing_but_the_fact_and_cannot_be_verified_or_ended() {
    SignUp noted = SignUp.ownerNotified(ANA, NOW);

    assertThat(noted.chosen()).isEmpty();
    assertThat(noted.tokenHash()).isEmpty();
    assertThat(noted.isOpenAt(NOW.minusSeconds(1))).isFalse();
    assertThatThrownBy(() -> noted.verify(NOW)).isInstanceOf(IllegalStateTransitionException.class);
    assertThatThrownBy(() -> noted.end(NOW)).isInstanceOf(IllegalStateTransitionException.class);
  }
}
