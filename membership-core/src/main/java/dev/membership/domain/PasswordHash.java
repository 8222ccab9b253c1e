package dev.membership.domain;

import java.util.Objects;

/**
 * A password hash in its self-describing encoded form, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$...}.
 * Redacted in {@link #toString()}: a hash is still material for an offline attack.
 */
public record PasswordHash(String encoded) {
  public PasswordHash {
    Objects.requireNonNull(encoded, "encoded");
  }

  @Override
  public String toString() {
    return "PasswordHash[redacted]";
  }
}
