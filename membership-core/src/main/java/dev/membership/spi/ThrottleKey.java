package dev.membership.spi;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The key of one throttle counter: the SHA-256, hex-encoded, of what the counter counts (an e-mail
 * address, a client's key, the pair of both, an account's password changes, a client's sign-ups, an
 * organisation's or an account's existence answers). Stores keep only this
 * digest, never the address itself, so a counter for an address that has no account says nothing
 * readable about a person. Keys sort by their hex text; stores lock counters in that order.
 *
 * @param hex 64 lower-case hex digits
 */
public record ThrottleKey(String hex) implements Comparable<ThrottleKey> {
  public ThrottleKey {
    Objects.requireNonNull(hex, "hex");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 hex digest");
    }
  }

  /** The key of {@code text}: its SHA-256 over UTF-8. */
  public static ThrottleKey of(String text) {
    return new ThrottleKey(Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString());
  }

  @Override
  public int compareTo(ThrottleKey other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return "ThrottleKey[" + hex.substring(0, 8) + "…]";
  }
}
