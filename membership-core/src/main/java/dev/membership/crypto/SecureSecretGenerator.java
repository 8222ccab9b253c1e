package dev.membership.crypto;

import com.google.common.io.BaseEncoding;
import dev.membership.domain.Password;
import dev.membership.spi.SecretGenerator;
import java.security.SecureRandom;

/**
 * The default {@link SecretGenerator}, drawing from {@link SecureRandom}: invitation tokens of 256
 * bits (43 URL-safe characters), temporary passwords of 20 characters from a 32-symbol alphabet
 * without look-alike characters (100 bits), grouped by five for reading aloud.
 */
public final class SecureSecretGenerator implements SecretGenerator {
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789A"; // 32 symbols: 5 bits each
  private static final int PASSWORD_SYMBOLS = 20;

  private final SecureRandom random = new SecureRandom();

  @Override
  public String invitationToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return BaseEncoding.base64Url().omitPadding().encode(bytes);
  }

  @Override
  public Password temporaryPassword() {
    StringBuilder text = new StringBuilder(PASSWORD_SYMBOLS + 3);
    for (int i = 0; i < PASSWORD_SYMBOLS; i++) {
      if (i > 0 && i % 5 == 0) {
        text.append('-');
      }
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return Password.of(text);
  }
}
