package dev.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessCacheTest {

  @Test
  void a_cache_policy_prints_its_size_and_staleness_as_a_person_reads_them() {
    assertThat(AccessCache.of(10_000, Duration.ofSeconds(5))).hasToString("AccessCache[maxEntries=10000, maxStaleness=5s]");
    assertThat(AccessCache.of(1, Duration.ofMinutes(5))).hasToString("AccessCache[maxEntries=1, maxStaleness=5min]");
    assertThat(AccessCache.of(500, Duration.ofMillis(1500))).hasToString("AccessCache[maxEntries=500, maxStaleness=1500ms]");
  }

  @Test
  void a_size_out_of_range_is_refused_naming_max_entries() {
    for (int entries : new int[] {0, -1, AccessCache.MAX_ENTRIES + 1}) {
      assertThatThrownBy(() -> AccessCache.of(entries, Duration.ofSeconds(5)))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.fields()).singleElement().satisfies(f -> {
              assertThat(f.field()).isEqualTo("maxEntries");
              assertThat(f.code()).isEqualTo("out_of_range");
            });
          });
    }
    assertThat(AccessCache.of(AccessCache.MAX_ENTRIES, Duration.ofSeconds(5)).maxEntries()).isEqualTo(1_000_000);
  }

  @Test
  void a_staleness_under_a_second_or_over_five_minutes_is_refused_naming_max_staleness() {
    for (Duration staleness : new Duration[] {Duration.ZERO, Duration.ofMillis(999), Duration.ofMinutes(5).plusNanos(1),
        Duration.ofSeconds(-1)}) {
      assertThatThrownBy(() -> AccessCache.of(100, staleness))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).singleElement()
              .satisfies(f -> {
                assertThat(f.field()).isEqualTo("maxStaleness");
                assertThat(f.code()).isEqualTo("out_of_range");
              }));
    }
    assertThat(AccessCache.of(100, Duration.ofSeconds(1)).withMaxStaleness(Duration.ofMinutes(5)).maxStaleness())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void a_missing_staleness_is_refused_naming_max_staleness_not_with_a_null_pointer() {
    assertThatThrownBy(() -> AccessCache.of(100, null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).singleElement()
            .satisfies(f -> {
              assertThat(f.field()).isEqualTo("maxStaleness");
              assertThat(f.code()).isEqualTo("required");
            }));
  }
}
