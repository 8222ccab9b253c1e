package dev.membership.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each Argon2id hash at the OWASP minimum costs tens of milliseconds: hashes are shared and few. */
class Argon2idPasswordHasherTest {
  private static final String RIGHT = "correct horse battery staple";
  private static final Argon2idPasswordHasher HASHER = Argon2idPasswordHasher.owaspMinimum();
  private static PasswordHash stored;

  @BeforeAll
  static void hashOnce() {
    stored = HASHER.hash(Password.of(RIGHT));
  }

  @Test
  void the_hash_is_argon2id_at_the_owasp_minimum_parameters() {
    assertThat(stored.encoded()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  @Test
  void the_right_password_verifies() {
    assertThat(HASHER.verify(stored, Password.of(RIGHT))).isTrue();
  }

  @Test
  void a_wrong_password_does_not_verify() {
    assertThat(HASHER.verify(stored, Password.of("correct horse battery stapler"))).isFalse();
  }

  @Test
  void the_same_password_typed_in_another_unicode_form_verifies() {
    PasswordHash hash = new PasswordHash(stored.encoded());
    // full-width letters normalise (NFKC) to the ASCII password
    String fullWidth = RIGHT.chars()
        .mapToObj(c -> c == ' ' ? " " : String.valueOf((char) (c - 'a' + '\uff41')))
        .reduce("", String::concat);
    assertThat(HASHER.verify(hash, Password.of(fullWidth))).isTrue();
  }

  @Test
  void a_hash_that_is_not_argon2id_never_verifies_even_for_the_right_password() {
    Argon2 argon2i = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2i);
    PasswordHash argon2iHash = new PasswordHash(argon2i.hash(2, 8192, 1, RIGHT.toCharArray(), StandardCharsets.UTF_8));
    assertThat(argon2iHash.encoded()).startsWith("$argon2i$");

    assertThat(HASHER.verify(argon2iHash, Password.of(RIGHT))).isFalse();
    assertThat(HASHER.verify(new PasswordHash("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"),
        Password.of(RIGHT))).isFalse();
    assertThat(HASHER.verify(new PasswordHash(""), Password.of(RIGHT))).isFalse();
  }

  @Test
  void a_corrupt_argon2id_hash_does_not_verify() {
    assertThat(HASHER.verify(new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$not-base64$"), Password.of(RIGHT))).isFalse();
  }

  @Test
  void a_hash_made_with_its_own_parameters_needs_no_rehash() {
    assertThat(HASHER.needsRehash(stored)).isFalse();
  }

  @Test
  void a_hash_made_with_weaker_memory_needs_a_rehash() {
    Argon2 argon2id = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    PasswordHash weaker = new PasswordHash(argon2id.hash(2, 8192, 1, RIGHT.toCharArray(), StandardCharsets.UTF_8));
    assertThat(weaker.encoded()).startsWith("$argon2id$v=19$m=8192,t=2,p=1$");

    assertThat(HASHER.needsRehash(weaker)).isTrue();
    assertThat(HASHER.verify(weaker, Password.of(RIGHT))).as("still verifies, so sign-in can rehash it").isTrue();
  }

  @Test
  void a_hash_with_fewer_iterations_or_of_another_algorithm_needs_a_rehash() {
    String salt = "c29tZXNhbHRzb21lc2FsdA";
    String digest = "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY";
    assertThat(HASHER.needsRehash(new PasswordHash("$argon2id$v=19$m=19456,t=1,p=1$" + salt + "$" + digest))).isTrue();
    assertThat(HASHER.needsRehash(new PasswordHash("$argon2i$v=19$m=65536,t=4,p=1$" + salt + "$" + digest))).isTrue();
    assertThat(HASHER.needsRehash(new PasswordHash("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"))).isTrue();
  }

  @Test
  void a_stronger_hash_than_the_minimum_needs_no_rehash() {
    String salt = "c29tZXNhbHRzb21lc2FsdA";
    String digest = "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY";
    assertThat(HASHER.needsRehash(new PasswordHash("$argon2id$v=19$m=65536,t=3,p=4$" + salt + "$" + digest))).isFalse();
  }

  @Test
  void a_stronger_hasher_wants_to_rehash_minimum_hashes() {
    Argon2idPasswordHasher stronger = Argon2idPasswordHasher.withParameters(47_104, 2, 1, 1);
    assertThat(stronger.needsRehash(stored)).isTrue();
  }

  @Test
  void parameters_below_the_owasp_minimum_are_refused() {
    assertThatThrownBy(() -> Argon2idPasswordHasher.withParameters(19_455, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2idPasswordHasher.withParameters(8192, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2idPasswordHasher.withParameters(19_456, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2idPasswordHasher.withParameters(19_456, 2, 0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_hundred_character_unicode_password_is_not_truncated_a_difference_at_character_80_is_caught() {
    StringBuilder base = new StringBuilder();
    String pieces = "\u00e4\u00f6\u00fc\u00df\u6f22\u5b57\u00e9\u00f1\u0416\u03a9";
    for (int i = 0; i < 100; i++) {
      base.append(pieces.charAt(i % pieces.length()));
    }
    String password = base.toString();
    String differsAt80 = password.substring(0, 79) + "x" + password.substring(80);
    assertThat(password.codePointCount(0, password.length())).isEqualTo(100);
    assertThat(differsAt80).hasSameSizeAs(password).isNotEqualTo(password);

    PasswordHash hash = HASHER.hash(Password.of(password));

    assertThat(HASHER.verify(hash, Password.of(password))).isTrue();
    assertThat(HASHER.verify(hash, Password.of(differsAt80))).isFalse();
  }

  @Test
  void printing_the_hasher_shows_its_parameters_only() {
    assertThat(HASHER.toString()).isEqualTo("Argon2idPasswordHasher[m=19456,t=2,p=1]");
  }
}
