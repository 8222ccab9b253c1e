package dev.membership.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.BaseEncoding;
import dev.membership.MembershipPolicy;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Password;
import dev.membership.internal.PasswordPolicy;
import dev.membership.spi.BreachedPasswordCheck;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecureSecretGeneratorTest {
  private final SecureSecretGenerator generator = new SecureSecretGenerator();

  @Test
  void an_invitation_token_is_43_url_safe_characters_carrying_256_bits() {
    String token = generator.invitationToken();

    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
    assertThat(BaseEncoding.base64Url().omitPadding().decode(token)).hasSize(32);
  }

  @Test
  void a_thousand_invitation_tokens_are_all_different() {
    Set<String> tokens = IntStream.range(0, 1000).mapToObj(i -> generator.invitationToken()).collect(Collectors.toSet());
    assertThat(tokens).hasSize(1000);
  }

  @Test
  void a_temporary_password_is_twenty_symbols_of_a_32_symbol_alphabet_so_at_least_80_bits() {
    Set<Character> alphabet = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String symbols = generator.temporaryPassword().reveal().replace("-", "");
      assertThat(symbols).hasSize(20);
      symbols.chars().forEach(c -> alphabet.add((char) c));
    }
    // 20 000 draws from 32 equally likely symbols show every one of them; 20 * log2(32) = 100 >= 80 bits.
    assertThat(alphabet).hasSize(32);
    assertThat(20 * (Math.log(alphabet.size()) / Math.log(2))).isGreaterThanOrEqualTo(80);
  }

  @Test
  void a_temporary_password_has_no_look_alike_characters_and_reads_in_groups_of_five() {
    for (int i = 0; i < 200; i++) {
      String text = generator.temporaryPassword().reveal();
      assertThat(text).matches("[^-]{5}-[^-]{5}-[^-]{5}-[^-]{5}").doesNotContainAnyWhitespaces();
      assertThat(text).doesNotContain("0", "O", "o", "1", "l", "I", "i");
    }
  }

  @Test
  void a_temporary_password_is_at_least_15_characters_long() {
    Password password = generator.temporaryPassword();
    assertThat(password.length()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void a_thousand_temporary_passwords_are_all_different() {
    Set<String> passwords = IntStream.range(0, 1000)
        .mapToObj(i -> generator.temporaryPassword().reveal()).collect(Collectors.toSet());
    assertThat(passwords).hasSize(1000);
  }

  @Test
  void a_generated_temporary_password_passes_the_default_password_policy() {
    PasswordPolicy policy = new PasswordPolicy(MembershipPolicy.defaults(), BreachedPasswordCheck.none());
    EmailAddress owner = EmailAddress.of("bo@acme.test");
    for (int i = 0; i < 100; i++) {
      policy.check("password", generator.temporaryPassword(), owner);
    }
  }
}
