package dev.membership.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.BaseEncoding;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaginationTest {

  @Test
  void a_cursor_decodes_to_the_sort_key_it_was_made_from() {
    String cursor = Cursor.encode("ana@acme.test", "0190f0e4-7c1a-7b3e-9d2a-1f2e3d4c5b6a");

    assertThat(Cursor.decode(cursor, 2)).containsExactly("ana@acme.test", "0190f0e4-7c1a-7b3e-9d2a-1f2e3d4c5b6a");
  }

  @Test
  void a_cursor_is_url_safe_and_opaque() {
    String cursor = Cursor.encode("j\u00fcrgen+test@acme.test", "id/with?odd=chars&");

    assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain("acme");
    assertThat(Cursor.decode(cursor, 2)).containsExactly("j\u00fcrgen+test@acme.test", "id/with?odd=chars&");
  }

  @Test
  void empty_values_survive_the_round_trip() {
    assertThat(Cursor.decode(Cursor.encode("", "x", ""), 3)).containsExactly("", "x", "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!!not-base64!!!", "abc$def", "a", "%2F%2F", "===="})
  void a_tampered_or_foreign_cursor_is_invalid_input_on_the_cursor_field(String cursor) {
    assertInvalidCursor(() -> Cursor.decode(cursor, 2));
  }

  @Test
  void a_cursor_with_a_different_number_of_values_is_invalid_input_on_the_cursor_field() {
    assertInvalidCursor(() -> Cursor.decode(Cursor.encode("a", "b", "c"), 2));
    assertInvalidCursor(() -> Cursor.decode(Cursor.encode("only-one"), 2));
  }

  @Test
  void a_cursor_with_a_character_inserted_is_invalid_input_on_the_cursor_field() {
    String cursor = Cursor.encode("ana@acme.test", "42");
    assertInvalidCursor(() -> Cursor.decode(cursor + "*", 2));
    assertInvalidCursor(() -> Cursor.decode("." + cursor, 2));
  }

  @Test
  void a_hand_made_cursor_without_the_separator_is_invalid_input() {
    String forged = BaseEncoding.base64Url().omitPadding().encode("ana@acme.test,42".getBytes(StandardCharsets.UTF_8));
    assertInvalidCursor(() -> Cursor.decode(forged, 2));
  }

  @Test
  void the_error_for_a_bad_cursor_does_not_echo_it() {
    String cursor = "evil-cursor-$$$";
    assertThatThrownBy(() -> Cursor.decode(cursor, 2)).satisfies(e -> assertThat(e.getMessage()).doesNotContain(cursor));
  }

  @Test
  void fewer_rows_than_the_limit_make_the_last_page() {
    Page<Integer> page = Page.of(List.of(1, 2, 3), 5, String::valueOf);

    assertThat(page.items()).containsExactly(1, 2, 3);
    assertThat(page.nextCursor()).isEmpty();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void exactly_limit_rows_make_the_last_page_too() {
    Page<Integer> page = Page.of(List.of(1, 2, 3, 4, 5), 5, String::valueOf);

    assertThat(page.items()).containsExactly(1, 2, 3, 4, 5);
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void one_row_more_than_the_limit_proves_a_next_page_whose_cursor_is_the_last_kept_row() {
    Page<Integer> page = Page.of(List.of(1, 2, 3, 4, 5, 6), 5, i -> "after-" + i);

    assertThat(page.items()).containsExactly(1, 2, 3, 4, 5);
    assertThat(page.nextCursor()).contains("after-5");
    assertThat(page.hasNext()).isTrue();
  }

  @Test
  void no_rows_make_an_empty_last_page() {
    Page<Integer> page = Page.of(List.of(), 5, String::valueOf);
    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    assertThat(Page.<Integer>empty()).isEqualTo(page);
  }

  @Test
  void a_page_does_not_change_when_the_fetched_list_does() {
    List<Integer> fetched = new ArrayList<>(List.of(1, 2, 3, 4));
    Page<Integer> page = Page.of(fetched, 3, String::valueOf);

    fetched.set(0, 99);
    fetched.clear();

    assertThat(page.items()).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> page.items().add(4)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapping_a_page_keeps_its_cursor() {
    Page<String> mapped = Page.of(List.of(1, 2, 3), 2, i -> "c" + i).map(i -> "#" + i);

    assertThat(mapped.items()).containsExactly("#1", "#2");
    assertThat(mapped.nextCursor()).contains("c2");
  }

  @Test
  void walking_pages_visits_every_row_once_in_order() {
    List<Integer> all = IntStream.rangeClosed(1, 23).boxed().toList();
    PageRequest request = PageRequest.first(5);
    List<Integer> seen = new ArrayList<>();
    for (int guard = 0; guard < 10; guard++) {
      int after = request.after().map(c -> Integer.parseInt(Cursor.decode(c, 1).get(0))).orElse(0);
      List<Integer> rowsPlusOne = all.stream().filter(i -> i > after).limit(request.limit() + 1L).toList();
      Page<Integer> page = Page.of(rowsPlusOne, request.limit(), i -> Cursor.encode(String.valueOf(i)));
      seen.addAll(page.items());
      if (!page.hasNext()) {
        break;
      }
      request = request.next(page);
    }
    assertThat(seen).isEqualTo(all);
  }

  @Test
  void a_page_request_takes_one_to_two_hundred_items_fifty_by_default() {
    assertThat(PageRequest.first().limit()).isEqualTo(50);
    assertThat(PageRequest.first().after()).isEmpty();
    assertThat(PageRequest.first(1).limit()).isEqualTo(1);
    assertThat(PageRequest.first(200).limit()).isEqualTo(200);
  }

  @Test
  void a_page_request_of_zero_negative_or_more_than_two_hundred_items_is_refused() {
    for (int limit : new int[] {0, -1, 201, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> PageRequest.first(limit))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(e.fields()).singleElement().satisfies(f -> {
              assertThat(f.field()).isEqualTo("limit");
              assertThat(f.code()).isEqualTo("out_of_range");
            });
          });
    }
  }

  @Test
  void the_next_request_after_the_last_page_is_the_same_request() {
    PageRequest request = PageRequest.first(10);
    assertThat(request.next(Page.empty())).isEqualTo(request);
    assertThat(request.after("c").after()).isEqualTo(Optional.of("c"));
    assertThat(request.after("c").limit()).isEqualTo(10);
  }

  private static void assertInvalidCursor(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(e.fields()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("cursor"));
    });
  }
}
