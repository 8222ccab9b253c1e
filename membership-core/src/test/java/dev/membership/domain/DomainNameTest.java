package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a typed domain becomes the one the library keeps, and which ones it refuses. */
class DomainNameTest {

  @ParameterizedTest
  @CsvSource({
      "Acme.Example, acme.example",
      "'  acme.example.  ', acme.example",
      "Bücher.example, xn--bcher-kva.example",
      "xn--bcher-kva.example, xn--bcher-kva.example",
      "ＡＣＭＥ．example, acme.example",
      "mail.acme.co.uk, mail.acme.co.uk"})
  void a_typed_domain_is_kept_in_lower_case_ascii(String typed, String kept) {
    assertThat(DomainName.of("domain", typed).value()).isEqualTo(kept);
  }

  @ParameterizedTest
  @CsvSource({
      "localhost, single_label",
      "com, single_label",
      "co.uk, public_suffix",
      "github.io, public_suffix",
      "GMAIL.com, shared_mail_provider",
      "acme..example, invalid_domain",
      "-acme.example, invalid_domain",
      "acme_.example, invalid_domain",
      "192.168.0.1, invalid_domain",
      "acme example.com, invalid_domain",
      "'', required"})
  void a_domain_nobody_can_prove_alone_is_refused_with_its_code(String typed, String code) {
    assertThatThrownBy(() -> DomainName.of("domain", typed)).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.fields()).singleElement().satisfies(f -> {
          assertThat(f.field()).isEqualTo("domain");
          assertThat(f.code()).isEqualTo(code);
        }));
  }

  @Test
  void a_label_longer_than_63_characters_or_a_name_longer_than_253_is_refused() {
    String label63 = "a".repeat(63);
    assertThat(DomainName.of("domain", label63 + ".example").value()).startsWith(label63);
    assertThatThrownBy(() -> DomainName.of("domain", "a" + label63 + ".example")).isInstanceOf(InvalidInputException.class);
    String tooLong = (label63 + ".").repeat(4) + "example";
    assertThatThrownBy(() -> DomainName.of("domain", tooLong)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void an_address_gives_its_domain_only_when_an_organisation_could_verify_it() {
    assertThat(DomainName.ofAddress(EmailAddress.of("ana@Acme.example"))).map(DomainName::value).contains("acme.example");
    assertThat(DomainName.ofAddress(EmailAddress.of("ana@gmail.com"))).isEqualTo(Optional.empty());
  }

  @Test
  void a_cached_answer_for_an_address_is_the_uncached_answer_for_hostile_and_for_thousands_of_domains() {
    java.util.List<String> addresses = new java.util.ArrayList<>(java.util.List.of(
        "a@Acme.Example", "a@acme.example", "a@ACME.EXAMPLE", "a@acme.example.", "a@Bücher.example",
        "a@xn--bcher-kva.example", "a@BÜCHER.example", "a@ＡＣＭＥ．example", "a@gmail.com", "a@GMail.com",
        "a@gmail.com.", "a@co.uk", "a@acme.co.uk", "a@localhost", "a@127.0.0.1", "a@xn--.example",
        "a@ß.example", "a@ss.example", "a@acme..example", "a@-acme.example", "a@acme.invalid"));
    for (int i = 0; i < 3_000; i++) {
      addresses.add("p" + i + "@d" + i + (i % 2 == 0 ? ".Example" : ".co.uk"));
    }
    for (int pass = 0; pass < 3; pass++) {
      for (String raw : addresses) {
        EmailAddress email;
        try {
          email = EmailAddress.of(raw);
        } catch (InvalidInputException refused) {
          continue;
        }
        Optional<DomainName> uncached;
        try {
          uncached = Optional.of(DomainName.of("email", email.domain()));
        } catch (InvalidInputException e) {
          uncached = Optional.empty();
        }
        assertThat(DomainName.ofAddress(email)).as("pass %s: %s", pass, raw).isEqualTo(uncached);
      }
    }
  }
}
