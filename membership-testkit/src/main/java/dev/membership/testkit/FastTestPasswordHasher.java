package dev.membership.testkit;

import com.google.common.hash.Hashing;
import com.google.common.io.BaseEncoding;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.spi.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * A salted SHA-256 {@link PasswordHasher} that takes microseconds instead of Argon2id's tens of
 * milliseconds. For tests only: a fast hash is exactly what an attacker wants, so never configure it
 * in production. Its hashes say so: {@code $test-sha256$...}.
 */
public final class FastTestPasswordHasher implements PasswordHasher {
  private static final String PREFIX = "$test-sha256$";
  private final SecureRandom random = new SecureRandom();

  @Override
  public PasswordHash hash(Password password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    String encodedSalt = BaseEncoding.base64Url().omitPadding().encode(salt);
    return new PasswordHash(PREFIX + encodedSalt + "$" + digest(encodedSalt, password));
  }

  @Override
  public boolean verify(PasswordHash hash, Password password) {
    String encoded = hash.encoded();
    if (!encoded.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = encoded.substring(PREFIX.length()).split("\\$");
    if (parts.length != 2) {
      return false;
    }
    return MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.US_ASCII),
        digest(parts[0], password).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public boolean needsRehash(PasswordHash hash) {
    return !hash.encoded().startsWith(PREFIX);
  }

  private static String digest(String salt, Password password) {
    return Hashing.sha256().hashString(salt + ":" + password.reveal(), StandardCharsets.UTF_8).toString();
  }
}
