package dev.membership.query;

import com.google.common.io.BaseEncoding;
import dev.membership.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes the sort key of a page's last row into an opaque, URL-safe cursor and back. Stores use it
 * so that every cursor looks alike; callers treat cursors as opaque strings.
 *
 * <p>The encoding is injective for any strings: a version byte, then each value length-prefixed in
 * the JDK's modified UTF-8 ({@link DataOutputStream#writeUTF}, which keeps every {@code char}, NULs
 * and unpaired surrogates included), all in unpadded base64url. No character inside a value can be
 * taken for the end of it, whatever names people chose.
 */
public final class Cursor {
  private static final BaseEncoding BASE64 = BaseEncoding.base64Url().omitPadding();
  private static final int VERSION = 1;
  /** Sort keys are ids, instants, addresses and names: far below this; anything longer is not ours. */
  private static final int MAX_LENGTH = 4096;

  private Cursor() {}

  /** Encodes the values of a sort key. */
  public static String encode(String... values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      for (String value : values) {
        out.writeUTF(value);
      }
    } catch (IOException e) {
      // Only a value of more than 65535 bytes: no sort key is.
      throw new UncheckedIOException("a sort key too long for a cursor", e);
    }
    return BASE64.encode(bytes.toByteArray());
  }

  /**
   * Decodes a cursor of {@code arity} values.
   *
   * <p>A value holding U+0000 or an unpaired surrogate is refused: no store holds such text (text
   * people type is refused with them), so {@link #encode} never made that cursor for a stored row, and
   * PostgreSQL could not even compare with it.
   *
   * @throws InvalidInputException with field {@code cursor} if it was not made by {@link #encode}
   */
  public static List<String> decode(String cursor, int arity) {
    if (cursor == null || cursor.length() > MAX_LENGTH) {
      throw malformed();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(BASE64.decode(cursor)))) {
      if (in.readUnsignedByte() != VERSION) {
        throw malformed();
      }
      List<String> values = new ArrayList<>(arity);
      for (int i = 0; i < arity; i++) {
        String value = in.readUTF();
        if (!storable(value)) {
          throw malformed();
        }
        values.add(value);
      }
      if (in.read() != -1) {
        throw malformed();
      }
      return List.copyOf(values);
    } catch (IllegalArgumentException | IOException e) {
      throw malformed();
    }
  }

  private static boolean storable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        if (!paired) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  private static InvalidInputException malformed() {
    return InvalidInputException.of("cursor", "malformed", "is not a cursor of this list");
  }
}
