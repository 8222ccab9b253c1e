package dev.membership.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.BaseEncoding;
import dev.membership.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cursor encoding is injective for any strings: no character of a stored name can end a value. */
class CursorTest {
  private static final String OLD_SEPARATOR = "\u001f";

  @Test
  void a_name_holding_the_old_separator_round_trips() {
    String name = "acme" + OLD_SEPARATOR + "corp" + OLD_SEPARATOR;

    assertThat(Cursor.decode(Cursor.encode(name, "id-1"), 2)).containsExactly(name, "id-1");
  }

  @Test
  void keys_the_old_separator_made_equal_now_have_different_cursors() {
    // The old cursor joined with U+001F: ("a\u001fb", "c") and ("a", "b\u001fc") were one cursor.
    String one = Cursor.encode("a" + OLD_SEPARATOR + "b", "c");
    String other = Cursor.encode("a", "b" + OLD_SEPARATOR + "c");

    assertThat(one).isNotEqualTo(other);
    assertThat(Cursor.decode(one, 2)).containsExactly("a" + OLD_SEPARATOR + "b", "c");
    assertThat(Cursor.decode(other, 2)).containsExactly("a", "b" + OLD_SEPARATOR + "c");
  }

  @Test
  void emoji_and_letters_outside_the_basic_plane_round_trip() {
    String name = "acme \ud83d\ude00 \ud835\udc9c \u2764\ufe0f";

    assertThat(Cursor.decode(Cursor.encode(name, ""), 2)).containsExactly(name, "");
  }

  @Test
  void the_encoding_is_injective_even_for_nuls_and_unpaired_surrogates() {
    List<List<String>> keys = List.of(List.of("a\u0000", "b"), List.of("a", "\u0000b"), List.of("a\ud800", "b"),
        List.of("a", "\ud800b"), List.of("a\udc00", "b"), List.of("a" + OLD_SEPARATOR, "b"), List.of("a", OLD_SEPARATOR + "b"),
        List.of("a", "b"), List.of("", "ab"), List.of("ab", ""));
    Set<String> cursors = new HashSet<>();
    keys.forEach(key -> cursors.add(Cursor.encode(key.toArray(String[]::new))));

    assertThat(cursors).hasSameSizeAs(keys);
  }

  @Test
  void a_cursor_carrying_a_nul_or_an_unpaired_surrogate_is_refused_since_no_store_holds_such_text() {
    for (String value : List.of("acme\u0000", "acme\ud800", "\udc00acme", "acme\ud83d")) {
      assertMalformed(Cursor.encode(value, "id"));
    }
    assertThat(Cursor.decode(Cursor.encode("acme\ud83d\ude00", "id"), 2)).containsExactly("acme\ud83d\ude00", "id");
  }

  @Test
  void a_cursor_of_the_old_format_is_refused() {
    String old = BaseEncoding.base64Url().omitPadding()
        .encode(("acme" + OLD_SEPARATOR + "0190f0e4-7c1a-7b3e-9d2a-1f2e3d4c5b6a").getBytes(StandardCharsets.UTF_8));

    assertMalformed(old);
  }

  @Test
  void a_cursor_with_bytes_after_its_values_is_refused() {
    byte[] bytes = BaseEncoding.base64Url().omitPadding().decode(Cursor.encode("a", "b"));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

    assertMalformed(BaseEncoding.base64Url().omitPadding().encode(longer));
  }

  @Test
  void an_absurdly_long_cursor_is_refused_without_decoding_it() {
    assertMalformed("A".repeat(1_000_000));
  }

  private static void assertMalformed(String cursor) {
    assertThatThrownBy(() -> Cursor.decode(cursor, 2)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.fields()).singleElement().satisfies(f -> {
          assertThat(f.field()).isEqualTo("cursor");
          assertThat(f.code()).isEqualTo("malformed");
        }));
  }
}
