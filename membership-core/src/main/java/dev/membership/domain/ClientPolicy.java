package dev.membership.domain;

import dev.membership.error.InvalidInputException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The oldest clients an application accepts from an instant on: at most one minimum per line, e.g.
 * "from 2026-03-30, at least 2025.4 on the 2025 line or 2026.1 on the 2026 line".
 *
 * <p>A client is accepted if its line has a minimum and it is at least that minimum, or if its line
 * is newer than every line named (a 2027 client under the policy above). A client on a line older
 * than a named one without a minimum of its own (2024.x above, or 2026.x under "2025.4 or 2027.1")
 * is refused; the minimum it is told is that of the next line named.
 *
 * @param effectiveFrom when the policy starts to apply
 * @param minimums one per line, ordered oldest line first; at least one
 */
public record ClientPolicy(Instant effectiveFrom, List<ClientVersion> minimums) {
  /** More lines than any product supports at once. */
  public static final int MAX_LINES = 10;

  public ClientPolicy {
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    if (minimums == null || minimums.isEmpty() || minimums.size() > MAX_LINES) {
      throw InvalidInputException.of("minimums", "out_of_range", "must name 1 to " + MAX_LINES + " minimum versions");
    }
    Set<Long> lines = new HashSet<>();
    for (ClientVersion v : minimums) {
      if (!lines.add(Objects.requireNonNull(v, "minimum").line())) {
        throw InvalidInputException.of("minimums", "duplicate_line", "must name at most one minimum per line");
      }
    }
    minimums = minimums.stream().sorted(Comparator.comparingLong(ClientVersion::line)).toList();
  }

  /** Whether a client of {@code version} is accepted under this policy. */
  public boolean accepts(ClientVersion version) {
    return minimumFor(version).isEmpty();
  }

  /**
   * The minimum a refused client is told: the one of its line, or of the next line named. Empty if
   * {@code version} is accepted.
   */
  public Optional<ClientVersion> minimumFor(ClientVersion version) {
    for (ClientVersion minimum : minimums) {
      if (minimum.line() == version.line()) {
        return version.isAtLeast(minimum) ? Optional.empty() : Optional.of(minimum);
      }
      if (minimum.line() > version.line()) {
        return Optional.of(minimum);
      }
    }
    return Optional.empty();
  }
}
