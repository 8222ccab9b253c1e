package dev.membership.jooq.support;

import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.spi.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** An unsalted SHA-256 "hasher" that takes microseconds: for tests only. */
public final class QuickTestHasher implements PasswordHasher {
  @Override
  public PasswordHash hash(Password password) {
    return new PasswordHash("$quick-test$" + digest(password));
  }

  @Override
  public boolean verify(PasswordHash hash, Password password) {
    return hash.encoded().equals("$quick-test$" + digest(password));
  }

  @Override
  public boolean needsRehash(PasswordHash hash) {
    return false;
  }

  private static String digest(Password password) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(password.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
