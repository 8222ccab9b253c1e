package dev.membership.query;

import com.google.common.base.Splitter;
import com.google.common.io.BaseEncoding;
import dev.membership.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the sort key of a page's last row into an opaque, URL-safe cursor and back. Stores use it
 * so that every cursor looks alike; callers treat cursors as opaque strings.
 */
public final class Cursor {
  private static final BaseEncoding BASE64 = BaseEncoding.base64Url().omitPadding();
  private static final char SEPARATOR = '\u001f';

  private Cursor() {}

  /** Encodes the values of a sort key (none may contain U+001F). */
  public static String encode(String... values) {
    return BASE64.encode(String.join(String.valueOf(SEPARATOR), values).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a cursor of {@code arity} values.
   *
   * @throws InvalidInputException with field {@code cursor} if it was not made by {@link #encode}
   */
  public static List<String> decode(String cursor, int arity) {
    try {
      String text = new String(BASE64.decode(cursor), StandardCharsets.UTF_8);
      List<String> values = Splitter.on(SEPARATOR).splitToList(text);
      if (values.size() != arity) {
        throw new IllegalArgumentException("arity");
      }
      return values;
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.of("cursor", "malformed", "is not a cursor of this list");
    }
  }

}
