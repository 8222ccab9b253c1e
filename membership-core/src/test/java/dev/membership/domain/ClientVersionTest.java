package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClientVersionTest {

  private static ClientVersion v(String text) {
    return ClientVersion.parse(text);
  }

  @Test
  void releases_compare_as_numbers_so_2025_10_comes_after_2025_9_where_text_would_not() {
    assertThat(v("2025.10")).isGreaterThan(v("2025.9"));
    assertThat(v("2026.1")).isGreaterThan(v("2025.12"));
    assertThat(v("1.10.0")).isGreaterThan(v("1.9.9"));
    assertThat(v("2025.4")).isEqualByComparingTo(v("2025.4.0"));
  }

  @Test
  void pre_releases_come_before_their_release_in_semantic_versioning_order() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(v(ordered.get(i))).as(ordered.get(i) + " after " + ordered.get(i - 1)).isGreaterThan(v(ordered.get(i - 1)));
    }
    assertThat(v("1.0.0+build.7")).isEqualByComparingTo(v("1.0.0"));
    assertThat(v("2026.1-rc.1").toString()).isEqualTo("2026.1-rc.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2025", "2025.", "v2025.4", "2025.4.1.2", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.x",
      "1234567890.1", "2025 .4"})
  void what_is_not_a_version_is_refused_with_a_typed_error_naming_the_field(String text) {
    assertThatThrownBy(() -> ClientVersion.parse(text, "clientVersion"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).extracting(f -> f.field() + ":" + f.code()).containsExactly("clientVersion:not_a_version");
        });
  }

  @Test
  void a_policy_accepts_a_line_at_its_minimum_or_a_newer_line_and_tells_the_refused_which_minimum_applies() {
    ClientPolicy policy = new ClientPolicy(Instant.parse("2026-03-30T00:00:00Z"), List.of(v("2026.1"), v("2025.4")));

    assertThat(policy.accepts(v("2025.4"))).isTrue();
    assertThat(policy.accepts(v("2026.3"))).isTrue();
    assertThat(policy.accepts(v("2028.1"))).isTrue();
    assertThat(policy.minimumFor(v("2025.3"))).contains(v("2025.4"));
    assertThat(policy.minimumFor(v("2024.9"))).contains(v("2025.4"));
    assertThat(policy.minimumFor(v("2026.0"))).contains(v("2026.1"));
    ClientPolicy gap = new ClientPolicy(Instant.EPOCH, List.of(v("2025.4"), v("2027.1")));
    assertThat(gap.minimumFor(v("2026.5"))).contains(v("2027.1"));
  }
}
