package dev.membership.domain;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The SHA-256 of an invitation or address-verification token, hex-encoded: the only form in which a
 * token is stored. The raw token travels once, in the link e-mailed to the address.
 */
public record TokenHash(String hex) {
  public TokenHash {
    Objects.requireNonNull(hex, "hex");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 hex digest");
    }
  }

  /** Hashes a raw token. */
  public static TokenHash of(String rawToken) {
    return new TokenHash(Hashing.sha256().hashString(rawToken, StandardCharsets.UTF_8).toString());
  }

  @Override
  public String toString() {
    return "TokenHash[" + hex.substring(0, 8) + "…]";
  }
}
