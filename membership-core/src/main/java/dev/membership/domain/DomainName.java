package dev.membership.domain;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;
import dev.membership.error.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A domain name as the library keeps it: lower case ASCII, internationalised labels in their IDNA
 * ({@code xn--}) form (UTS #46, by ICU4J), no trailing dot. At least two labels, and never a public
 * suffix ({@code com}, {@code co.uk}: Guava's copy of the Public Suffix List) nor a shared mail
 * provider's domain, where one mailbox proves nothing about the others.
 *
 * @param value the normalised name, e.g. {@code acme.example} or {@code xn--bcher-kva.example}
 */
public record DomainName(String value) implements Comparable<DomainName> {
  /** The longest domain name DNS allows, in ASCII. */
  public static final int MAX_LENGTH = 253;

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final IDNA UTS46 = IDNA.getUTS46Instance(
      IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

  /**
   * Domains of mail providers where anyone gets an address: a domain verified through one of their
   * mailboxes would let an organisation claim everyone on them.
   */
  private static final Set<String> SHARED_MAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
      "live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
      "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "mail.ru", "yandex.ru", "yandex.com",
      "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "tutanota.com", "hey.com");

  public DomainName {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Normalises and checks a domain a person typed.
   *
   * @throws InvalidInputException on field {@code field}: {@code required}, {@code invalid_domain},
   *     {@code single_label}, {@code public_suffix} or {@code shared_mail_provider}
   */
  public static DomainName of(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      throw InvalidInputException.of(field, "required", "is required");
    }
    String text = raw.strip();
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.length() > MAX_LENGTH * 4) {
      throw invalid(field);
    }
    StringBuilder ascii = new StringBuilder();
    IDNA.Info info = new IDNA.Info();
    UTS46.nameToASCII(text, ascii, info);
    if (info.hasErrors()) {
      throw invalid(field);
    }
    String name = ascii.toString().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw invalid(field);
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw invalid(field);
      }
    }
    if (labels.length < 2) {
      throw InvalidInputException.of(field, "single_label", "must have at least two labels, like example.com");
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw invalid(field); // an IPv4 address, not a name
    }
    InternetDomainName parsed;
    try {
      parsed = InternetDomainName.from(name);
    } catch (IllegalArgumentException e) {
      throw invalid(field);
    }
    if (parsed.isPublicSuffix()) {
      throw InvalidInputException.of(field, "public_suffix",
          "is a public suffix, under which anyone may register a name; add your own domain under it");
    }
    if (SHARED_MAIL.contains(name)) {
      throw InvalidInputException.of(field, "shared_mail_provider",
          "belongs to a mail provider where anyone can have an address; it cannot be an organisation's domain");
    }
    return new DomainName(name);
  }

  /** The domain of an address, if it is one an organisation could verify. */
  public static Optional<DomainName> ofAddress(EmailAddress email) {
    String domain = email.domain();
    Optional<DomainName> known = ADDRESS_DOMAINS.get(domain);
    if (known != null) {
      return known;
    }
    Optional<DomainName> checked;
    try {
      checked = Optional.of(of("email", domain));
    } catch (InvalidInputException e) {
      checked = Optional.empty();
    }
    if (ADDRESS_DOMAINS.size() >= ADDRESS_DOMAINS_KEPT) {
      ADDRESS_DOMAINS.clear();
    }
    ADDRESS_DOMAINS.put(domain, checked);
    return checked;
  }

  /**
   * The answers of {@link #ofAddress} by the address's domain: the checks (IDNA, the labels, the
   * public suffix list) depend on the text alone, and the same few domains come back on every command
   * that admits someone. Emptied when full, so a flood of distinct domains keeps at most this many.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Optional<DomainName>> ADDRESS_DOMAINS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int ADDRESS_DOMAINS_KEPT = 1024;

  private static InvalidInputException invalid(String field) {
    return InvalidInputException.of(field, "invalid_domain", "is not a valid domain name");
  }

  @Override
  public int compareTo(DomainName other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
