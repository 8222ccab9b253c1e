package dev.membership.domain;

import com.google.common.hash.Hashing;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What makes two role names the same name within an organisation: equal ignoring case, or looking
 * alike. Each key is the SHA-256 (64 hex digits, so it fits a fixed column however long the name) of
 * a form built with ICU4J's {@link SpoofChecker} skeleton (Unicode UTS #39 confusables) and
 * NFKC case folding:
 *
 * <ul>
 *   <li>{@code caseless}: the skeleton of the case-folded name: "ADMIN", "admin" and "Admin" are one
 *       name, and so is "Оwner" with a Cyrillic О;
 *   <li>{@code lookalike}: the skeleton of the case-folded skeleton of the name as typed: "0wner"
 *       with a zero, "Мember" with a Cyrillic М and "BiIIing" with capital I's look like "Owner",
 *       "Member" and "Billing".
 * </ul>
 *
 * <p>Two names collide when either key is equal; no single key can do both, because skeletons tell
 * case apart ("I" looks like "l", "i" does not). Stores keep both keys, each unique within an
 * organisation, so the rule holds under concurrency.
 *
 * @param caseless the hex SHA-256 of the skeleton of the NFKC-case-folded name
 * @param lookalike the hex SHA-256 of the skeleton of the NFKC-case-folded skeleton of the name
 */
public record RoleNameKeys(String caseless, String lookalike) {
  private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();
  private static final Normalizer2 CASE_FOLD = Normalizer2.getNFKCCasefoldInstance();

  /** The length of each key. */
  public static final int LENGTH = 64;

  public RoleNameKeys {
    Objects.requireNonNull(caseless, "caseless");
    Objects.requireNonNull(lookalike, "lookalike");
  }

  /** The keys of {@code name}. */
  public static RoleNameKeys of(String name) {
    Objects.requireNonNull(name, "name");
    String caseless = SKELETONS.getSkeleton(CASE_FOLD.normalize(name));
    String lookalike = SKELETONS.getSkeleton(CASE_FOLD.normalize(SKELETONS.getSkeleton(name)));
    return new RoleNameKeys(sha256(caseless), sha256(lookalike));
  }

  /** Whether a role named with these keys would pass for one named with {@code other}'s. */
  public boolean collidesWith(RoleNameKeys other) {
    return caseless.equals(other.caseless) || lookalike.equals(other.lookalike);
  }

  /**
   * The keys no custom role may take: those of each built-in role's name as shown, in capitals and
   * in small letters ("ADMlN" with a small L looks like "ADMIN").
   */
  static Set<RoleNameKeys> reservedFor(Stream<String> builtInNames) {
    return builtInNames
        .flatMap(n -> Stream.of(n, n.toUpperCase(Locale.ROOT), n.toLowerCase(Locale.ROOT)))
        .map(RoleNameKeys::of)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String sha256(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
  }
}
