package dev.membership.domain;

import com.google.common.net.InternetDomainName;
import dev.membership.error.InvalidInputException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail address in its normalised form: trimmed, lower-cased and in Unicode NFC, so {@code
 * "Alice@X.com "} and {@code "alice@x.com"} are the same person, and so are an address typed with
 * combining accents and the same address with precomposed ones. Only normalised values can be constructed.
 */
public record EmailAddress(String value) implements Comparable<EmailAddress> {
  /** RFC 5321 limits a path to 254 characters. */
  public static final int MAX_LENGTH = 254;

  public EmailAddress {
    Objects.requireNonNull(value, "value");
    if (!isNormalised(value) || problem(value) != null) {
      throw InvalidInputException.of("email", "not_an_email", "is not a valid e-mail address");
    }
  }

  /**
   * Normalises and checks an address typed by a person.
   *
   * @throws InvalidInputException with field {@code email} when it is not an address
   */
  public static EmailAddress of(String raw) {
    return of("email", raw);
  }

  /** As {@link #of(String)}, naming {@code field} in the error. */
  public static EmailAddress of(String field, String raw) {
    if (raw == null) {
      throw InvalidInputException.of(field, "required", "is required");
    }
    String normalised = normalise(raw);
    try {
      // The constructor checks the address (once): what it refuses is told again with its reason.
      return new EmailAddress(normalised);
    } catch (InvalidInputException e) {
      String problem = problem(normalised);
      throw InvalidInputException.of(field, "not_an_email", problem != null ? problem : "is not a valid e-mail address");
    }
  }

  /** Whether {@code raw} would be accepted by {@link #of(String)}. */
  public static boolean isValid(String raw) {
    return raw != null && problem(normalise(raw)) == null;
  }

  /**
   * Whether a person may give {@code raw} as an address (to invite, to sign up, to create an account
   * directly): {@linkplain #isValid valid}, and not under the top-level domain {@value
   * #RESERVED_TOP_LEVEL_DOMAIN}, which RFC 2606 reserves for names that can never be valid. Nobody
   * receives mail there, and the placeholders of erased accounts ({@link Account#ERASED_DOMAIN}) live
   * under it, so an account or an invitation of such an address could only imitate an erased person.
   * The commands refuse such an address as they refuse a malformed one ({@link
   * dev.membership.command.ValidEmail}); stored placeholders are still read with {@link #of(String)}.
   */
  public static boolean isValidInput(String raw) {
    return isValid(raw) && !of(raw).isUnderReservedDomain();
  }

  /** The top-level domain that RFC 2606 reserves for names that can never be valid. */
  public static final String RESERVED_TOP_LEVEL_DOMAIN = "invalid";

  /** Whether the address is under {@value #RESERVED_TOP_LEVEL_DOMAIN} (an erased account's placeholder is). */
  public boolean isUnderReservedDomain() {
    // of() lower-cases the domain, and a domain that InternetDomainName accepts has no trailing dot.
    return domain().endsWith("." + RESERVED_TOP_LEVEL_DOMAIN);
  }

  /**
   * Whether {@code value} is its own {@link #normalise normal form}: at once for the usual address,
   * printable ASCII without capitals or surrounding spaces (which lower-casing and NFC leave as it is).
   */
  private static boolean isNormalised(String value) {
    return isPlainLowerAscii(value) || value.equals(normalise(value));
  }

  /** Printable ASCII, no capital, neither starting nor ending with a space (or empty). */
  private static boolean isPlainLowerAscii(String value) {
    int n = value.length();
    if (n > 0 && (value.charAt(0) == ' ' || value.charAt(n - 1) == ' ')) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < ' ' || c > '~' || (c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  private static String normalise(String raw) {
    if (isPlainLowerAscii(raw)) {
      return raw;
    }
    int start = 0;
    int end = raw.length();
    while (start < end && isBlank(raw.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(raw.charAt(end - 1))) {
      end--;
    }
    // Unicode NFC too, as for every text a person types: "jose" with a combining acute and with a
    // precomposed "é" is one address (and one mailbox: IDNA maps a domain to NFC), so one account.
    return Normalizer.normalize(raw.substring(start, end).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  /** Any space, including no-break and ideographic ones, as pasted from a document. */
  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /**
   * Spaces, control and invisible formatting characters (zero-width, bidi overrides) anywhere, and
   * half of a UTF-16 pair, which databases would store as "?".
   */
  private static boolean isInvisibleOrSpace(int c) {
    int type = Character.getType(c);
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
        || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
        || type == Character.SURROGATE;
  }

  private static @Nullable String problem(String address) {
    if (address.isEmpty()) {
      return "is required";
    }
    if (address.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < address.length(); ) {
      int c = address.codePointAt(i);
      if (isInvisibleOrSpace(c)) {
        return "is not a valid e-mail address";
      }
      i += Character.charCount(c);
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1 || address.indexOf('@') != at) {
      return "is not a valid e-mail address";
    }
    // The local part, address[0, at), read in place.
    if (at > 64 || address.charAt(0) == '.' || address.charAt(at - 1) == '.') {
      return "is not a valid e-mail address";
    }
    for (int i = 0; i < at; i++) {
      char c = address.charAt(i);
      if (c <= ' ' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>'
          || c == '[' || c == ']' || c == '\\' || (c == '.' && address.charAt(i + 1) == '.')) {
        return "is not a valid e-mail address";
      }
    }
    if (address.indexOf('.', at + 1) < 0 || !validDomain(address, at + 1)) {
      return "is not a valid e-mail address";
    }
    return null;
  }

  /**
   * Domains found valid lately: every address read back from a store is checked again, and most
   * share a few domains. Bounded; only valid domains are kept, so it can refuse nothing it should not.
   */
  private static final Map<String, Boolean> VALID_DOMAINS = new ConcurrentHashMap<>();
  private static final int VALID_DOMAINS_KEPT = 1024;

  /** The domain found valid last: consecutive addresses (a page sorted by address) often share it. */
  private static final AtomicReference<String> LAST_VALID_DOMAIN = new AtomicReference<>("");

  /** Whether the domain of {@code address}, from {@code from} to its end, is a valid internet domain name. */
  private static boolean validDomain(String address, int from) {
    String last = Objects.requireNonNull(LAST_VALID_DOMAIN.get());
    int length = address.length() - from;
    if (length == last.length() && address.regionMatches(from, last, 0, length)) {
      return true;
    }
    String domain = address.substring(from);
    if (!validDomain(domain)) {
      return false;
    }
    LAST_VALID_DOMAIN.set(domain);
    return true;
  }

  private static boolean validDomain(String domain) {
    if (VALID_DOMAINS.containsKey(domain)) {
      return true;
    }
    if (!InternetDomainName.isValid(domain)) {
      return false;
    }
    if (VALID_DOMAINS.size() < VALID_DOMAINS_KEPT) {
      VALID_DOMAINS.put(domain, Boolean.TRUE);
    }
    return true;
  }

  /** The part after the {@code @}. */
  public String domain() {
    return value.substring(value.lastIndexOf('@') + 1);
  }

  @Override
  public int compareTo(EmailAddress other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
