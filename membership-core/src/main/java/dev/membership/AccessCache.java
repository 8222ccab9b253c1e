package dev.membership;

import dev.membership.error.InvalidInputException;
import java.time.Duration;

/**
 * An in-process cache for the checks a host makes on every request ({@code access().has},
 * {@code access().check}, {@code access().permissions}, {@code access().hasEntitlement} and the
 * application check {@code access().check(account, organisation, application, clientVersion)}).
 * Off unless chosen with {@link Memberships.Builder#accessCache(AccessCache)}:
 *
 * <pre>{@code
 * Memberships.builder()
 *     .accessCache(AccessCache.of(10_000, Duration.ofSeconds(5)))
 *     ...
 * }</pre>
 *
 * <p>What it keeps and for how long:
 *
 * <ul>
 *   <li>An active member's access (role and its permissions, application grants), for at most
 *       {@code maxStaleness} after it was read, and at most {@code maxEntries} of them (least recently
 *       used go first).
 *   <li>Every change committed through this {@link Memberships} that concerns an organisation (a role
 *       changed, a member removed, deactivated or reactivated, a member leaving, a custom role's
 *       permissions edited or the role deleted, application access granted or revoked, an entitlement
 *       changed, ownership moved, the organisation deleted, ...) drops what was kept for that
 *       organisation before the command returns; a change to an account (its credentials reset, the
 *       account erased) drops what was kept for that account. A check that read the store before such
 *       a change committed never puts its older answer back.
 *   <li>A change committed through <em>another</em> instance (another server on the same database)
 *       reaches this one within {@code maxStaleness}: until then this instance may still answer as
 *       before the change.
 *   <li>Only yes is answered from the cache. "Not an active member here", and a permission, grant or
 *       entitlement the kept access lacks, are read from the store again: someone just added, promoted
 *       or granted access is let in at once on every instance, and refusals cost one read, as without
 *       the cache. ({@code access().permissions} answers the kept set.)
 * </ul>
 *
 * <p>Commands never read from it: each checks the actor's permission in its own transaction. When
 * the store joins a host's own transactions (the library's work a savepoint of the host's), the
 * change is dropped from the cache when the library's work ends, before the host commits; a check
 * in between may keep the older answer for up to {@code maxStaleness}.
 *
 * <p>The cache keeps time by the library's {@link java.time.Clock}: with a clock that does not move
 * (such as {@code Clock.fixed}, outside tests that move it themselves) kept answers never grow old, so
 * a change made through another instance is never seen here. Use a ticking clock in production.
 *
 * @param maxEntries how many accesses (an account in an organisation, or with one application) are
 *     kept at most; 1 to {@value #MAX_ENTRIES}
 * @param maxStaleness how long a kept access may be used after it was read: the most a change made
 *     by another instance takes to reach this one; between {@link #MIN_STALENESS} (1 second) and
 *     {@link #MAX_STALENESS} (5 minutes)
 */
public record AccessCache(int maxEntries, Duration maxStaleness) {
  /** The most entries a cache may keep. */
  public static final int MAX_ENTRIES = 1_000_000;

  /** The shortest staleness: below it the cache saves next to nothing. */
  public static final Duration MIN_STALENESS = Duration.ofSeconds(1);

  /** The longest staleness: a removed member keeps access on other instances at most this long. */
  public static final Duration MAX_STALENESS = Duration.ofMinutes(5);

  /**
   * Checks the bounds: {@code INVALID_INPUT} with field {@code maxEntries} or {@code maxStaleness},
   * code {@code out_of_range}, for a value outside them; code {@code required} for no staleness.
   */
  public AccessCache {
    if (maxStaleness == null) {
      throw InvalidInputException.of("maxStaleness", "required", "must be given: between 1 second and 5 minutes");
    }
    if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
      throw InvalidInputException.of("maxEntries", "out_of_range", "must be between 1 and " + MAX_ENTRIES);
    }
    if (maxStaleness.compareTo(MIN_STALENESS) < 0 || maxStaleness.compareTo(MAX_STALENESS) > 0) {
      throw InvalidInputException.of("maxStaleness", "out_of_range", "must be between 1 second and 5 minutes");
    }
  }

  /** A cache of at most {@code maxEntries} accesses, each used at most {@code maxStaleness} after it was read. */
  public static AccessCache of(int maxEntries, Duration maxStaleness) {
    return new AccessCache(maxEntries, maxStaleness);
  }

  /** The same cache with another size. */
  public AccessCache withMaxEntries(int entries) {
    return new AccessCache(entries, maxStaleness);
  }

  /** The same cache with another staleness. */
  public AccessCache withMaxStaleness(Duration staleness) {
    return new AccessCache(maxEntries, staleness);
  }

  /** E.g. {@code AccessCache[maxEntries=10000, maxStaleness=5s]}. */
  @Override
  public String toString() {
    return "AccessCache[maxEntries=" + maxEntries + ", maxStaleness=" + readable(maxStaleness) + "]";
  }

  private static String readable(Duration duration) {
    if (duration.toNanosPart() % 1_000_000 != 0) {
      return duration.toString();
    }
    if (duration.toMillisPart() != 0) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    if (seconds % 60 == 0) {
      return seconds / 60 + "min";
    }
    return seconds + "s";
  }
}
