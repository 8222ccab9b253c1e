package dev.membership.domain;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of an invitation or address-verification token, hex-encoded: the only form in which a
 * token is stored. The raw token travels once, in the link e-mailed to the address.
 */
public record TokenHash(String hex) {
  /** Compiled once: hashes are made for every invitation read. */
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

  public TokenHash {
    Objects.requireNonNull(hex, "hex");
    if (!FORM.matcher(hex).matches()) {
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
