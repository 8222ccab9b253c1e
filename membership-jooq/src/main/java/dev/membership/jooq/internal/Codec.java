package dev.membership.jooq.internal;

import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Permission;
import dev.membership.error.InvalidInputException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How {@link Converters} write values to columns: instants as nanoseconds since the epoch, sets as sorted
 * comma-separated text, string maps as a JSON object. Everything here is exact: a value read back
 * equals the value written.
 */
final class Codec {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Codec() {}

  /**
   * Nanoseconds since 1970-01-01T00:00:00Z; instants from 1677-09-21 to 2262-04-11 fit.
   *
   * @throws InvalidInputException for an instant outside that range (e.g. a licence "valid until 3000")
   */
  static long nanos(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    } catch (ArithmeticException e) {
      throw InvalidInputException.of("instant", "out_of_range", "must be between the years 1678 and 2261");
    }
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  // ---- sets

  static String keys(Set<EntitlementKey> keys) {
    return keys.stream().map(EntitlementKey::value).sorted().collect(Collectors.joining(","));
  }

  static Set<EntitlementKey> keys(String text) {
    if (text == null || text.isEmpty()) {
      return Set.of();
    }
    return Arrays.stream(text.split(",")).map(EntitlementKey::of).collect(Collectors.toUnmodifiableSet());
  }

  static String permissions(Set<Permission> permissions) {
    return permissions.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  static Set<Permission> permissions(String text) {
    if (text == null || text.isEmpty()) {
      return Set.of();
    }
    EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
    for (String name : text.split(",")) {
      set.add(Permission.valueOf(name));
    }
    return set;
  }

  // ---- string maps as JSON objects

  static String json(Map<String, String> map) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> entry : new TreeMap<>(map).entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, entry.getKey());
      out.append(':');
      quote(out, entry.getValue());
    }
    return out.append('}').toString();
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Parses what {@link #json(Map)} wrote: a flat object of strings. */
  static Map<String, String> map(String json) {
    JsonReader reader = new JsonReader(json);
    Map<String, String> map = reader.object();
    return Map.copyOf(map);
  }

  private static final class JsonReader {
    private final String text;
    private int at;

    JsonReader(String text) {
      this.text = text;
    }

    Map<String, String> object() {
      Map<String, String> map = new LinkedHashMap<>();
      skipSpace();
      expect('{');
      skipSpace();
      if (peek() == '}') {
        at++;
        return map;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        map.put(key, string());
        skipSpace();
        char c = next();
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          throw malformed();
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char escaped = next();
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw malformed();
            }
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw malformed();
        }
      }
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private char peek() {
      if (at >= text.length()) {
        throw malformed();
      }
      return text.charAt(at);
    }

    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw malformed();
      }
    }

    private IllegalStateException malformed() {
      return new IllegalStateException("a stored map is not the JSON object the store writes, at " + at);
    }
  }
}
