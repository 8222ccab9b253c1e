package dev.membership.examples.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The throttled sign-in's and sign-up's "try again in ..." reads right for seconds, one minute and several. */
class WaitSentenceTest {

  @Test
  void a_thirty_second_wait_reads_thirty_seconds_not_one_minute() {
    assertThat(WaitSentence.of(Duration.ofSeconds(30))).isEqualTo("30 seconds");
  }

  @Test
  void part_of_a_second_is_rounded_up_so_the_wait_said_is_never_too_short() {
    assertThat(WaitSentence.of(Duration.ofMillis(29_400))).isEqualTo("30 seconds");
    assertThat(WaitSentence.of(Duration.ofMillis(300))).isEqualTo("1 second");
    assertThat(WaitSentence.of(Duration.ZERO)).isEqualTo("1 second");
  }

  @Test
  void one_minute_is_singular() {
    assertThat(WaitSentence.of(Duration.ofMinutes(1))).isEqualTo("1 minute");
  }

  @Test
  void waits_over_a_minute_read_in_whole_minutes_rounded_up() {
    assertThat(WaitSentence.of(Duration.ofSeconds(61))).isEqualTo("2 minutes");
    assertThat(WaitSentence.of(Duration.ofMinutes(4))).isEqualTo("4 minutes");
    assertThat(WaitSentence.of(Duration.ofMinutes(15))).isEqualTo("15 minutes");
    assertThat(WaitSentence.of(Duration.ofMinutes(59))).isEqualTo("59 minutes");
    assertThat(WaitSentence.of(Duration.ofMinutes(59).plusSeconds(1))).isEqualTo("1 hour");
  }

  @Test
  void the_hard_lockout_reads_in_hours() {
    assertThat(WaitSentence.of(Duration.ofHours(1))).isEqualTo("1 hour");
    assertThat(WaitSentence.of(Duration.ofMinutes(61))).isEqualTo("2 hours");
    assertThat(WaitSentence.of(Duration.ofHours(24))).isEqualTo("24 hours");
    assertThat(WaitSentence.of(Duration.ofHours(23).plusMinutes(59).plusSeconds(1))).isEqualTo("24 hours");
  }
}
