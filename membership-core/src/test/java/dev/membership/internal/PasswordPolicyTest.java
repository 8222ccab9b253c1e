package dev.membership.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.MembershipPolicy;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Password;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import dev.membership.spi.BreachedPasswordCheck;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private static final EmailAddress OWNER = EmailAddress.of("alice.wonderland@example.com");
  private static final PasswordPolicy DEFAULTS = new PasswordPolicy(MembershipPolicy.defaults(), BreachedPasswordCheck.none());

  @Test
  void fourteen_characters_are_too_short() {
    assertRefused(DEFAULTS, "abcdefghijklmn", "too_short");
  }

  @Test
  void fifteen_characters_are_enough() {
    assertAccepted(DEFAULTS, "abcdefghijklmno");
  }

  @Test
  void length_is_counted_in_characters_so_fifteen_emoji_are_enough_and_fourteen_are_not() {
    String fourteen = "\ud83c\udf4e\ud83c\udf4a\ud83c\udf4b\ud83c\udf4c\ud83c\udf49\ud83c\udf47\ud83c\udf53"
        + "\ud83c\udf48\ud83c\udf52\ud83c\udf51\ud83e\udd6d\ud83c\udf4d\ud83e\udd65\ud83e\udd5d";
    assertThat(fourteen.codePointCount(0, fourteen.length())).isEqualTo(14);

    assertRefused(DEFAULTS, fourteen, "too_short");
    assertAccepted(DEFAULTS, fourteen + "\ud83c\udf45");
  }

  @Test
  void no_composition_rules_a_long_lowercase_passphrase_is_fine() {
    assertAccepted(DEFAULTS, "correct horse battery staple");
  }

  @Test
  void sixty_four_and_more_characters_of_mixed_unicode_are_accepted() {
    String text = "Gr\u00fc\u00dfe aus K\u00f6ln \u6771\u4eac\u90fd\u6e2f\u533a \ud83d\ude80\ud83c\udf0d\ud83d\udd10 "
        + "\u00e9l\u00e8ve na\u00efve \u0645\u0631\u062d\u0628\u0627 \u041f\u0440\u0438\u0432\u0435\u0442 "
        + "\u00f1and\u00fa \u03b1\u03b2\u03b3 \ud83e\udd84\ud83e\udd84 end";
    assertThat(text.codePointCount(0, text.length())).isGreaterThanOrEqualTo(64);

    assertAccepted(DEFAULTS, text);
  }

  @Test
  void exactly_the_maximum_of_1024_characters_is_accepted() {
    assertAccepted(DEFAULTS, varied(1024));
  }

  @Test
  void one_character_above_the_maximum_is_too_long() {
    assertRefused(DEFAULTS, varied(1025), "too_long");
  }

  @Test
  void a_megabyte_password_is_refused_as_too_long_before_any_hashing() {
    assertRefused(DEFAULTS, varied(1024 * 1024), "too_long");
  }

  @Test
  void a_megabyte_of_emoji_is_refused_as_too_long() {
    assertRefused(DEFAULTS, "\ud83d\ude00\ud83d\ude01".repeat(256 * 1024), "too_long");
  }

  @Test
  void a_password_equal_to_the_accounts_email_address_is_refused() {
    assertRefused(DEFAULTS, "alice.wonderland@example.com", "context_specific");
    assertRefused(DEFAULTS, "Alice.Wonderland@Example.COM", "context_specific");
  }

  @Test
  void a_password_equal_to_the_local_part_of_the_email_address_is_refused() {
    assertRefused(DEFAULTS, "alice.wonderland", "context_specific");
  }

  @Test
  void one_character_repeated_is_refused_as_compromised() {
    assertRefused(DEFAULTS, "aaaaaaaaaaaaaaaaaaaa", "compromised");
  }

  @Test
  void a_password_the_breach_check_flags_is_refused_as_compromised() {
    String leaked = "password1234567890";
    PasswordPolicy policy = new PasswordPolicy(MembershipPolicy.defaults(), p -> p.reveal().equals(leaked));

    assertRefused(policy, leaked, "compromised");
    assertAccepted(policy, "a different passphrase entirely");
  }

  @Test
  void the_breach_check_is_never_asked_about_a_password_of_absurd_size() {
    AtomicInteger asked = new AtomicInteger();
    PasswordPolicy policy = new PasswordPolicy(MembershipPolicy.defaults(), p -> {
      asked.incrementAndGet();
      return false;
    });

    assertRefused(policy, varied(1024 * 1024), "too_long");
    assertThat(asked).hasValue(0);
  }

  @Test
  void a_configured_minimum_of_eight_accepts_eight_characters_and_refuses_seven() {
    PasswordPolicy policy = new PasswordPolicy(MembershipPolicy.defaults().withMinPasswordLength(8), BreachedPasswordCheck.none());

    assertAccepted(policy, "abcdefgh");
    assertRefused(policy, "abcdefg", "too_short");
  }

  @Test
  void a_missing_password_is_refused_as_required() {
    assertThatThrownBy(() -> DEFAULTS.check("password", null, OWNER))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.fields()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("password");
            assertThat(f.code()).isEqualTo("required");
          });
        });
  }

  @Test
  void the_refusal_names_the_field_it_was_asked_about() {
    assertThatThrownBy(() -> DEFAULTS.check("newPassword", Password.of("short"), OWNER))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.fields()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("newPassword")));
  }

  @Test
  void a_refusal_never_repeats_the_password() {
    String rejected = "my-secret-but-too-long-".repeat(100);
    assertThatThrownBy(() -> DEFAULTS.check("password", Password.of(rejected), OWNER))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("my-secret"));
    assertThatThrownBy(() -> DEFAULTS.check("password", Password.of("alice.wonderland"), OWNER))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice.wonderland"));
  }

  private static void assertRefused(PasswordPolicy policy, String password, String code) {
    assertThatThrownBy(() -> policy.check("password", Password.of(password), OWNER))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("password");
            assertThat(f.code()).isEqualTo(code);
          });
        });
  }

  private static void assertAccepted(PasswordPolicy policy, String password) {
    assertThatCode(() -> policy.check("password", Password.of(password), OWNER)).doesNotThrowAnyException();
  }

  /** {@code length} characters cycling through many distinct ones. */
  private static String varied(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + i % 26));
    }
    return text.toString();
  }
}
