package dev.membership.query;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a list: the opaque cursor of the previous page's end (empty for the first page) and
 * how many items, 1 to {@value #MAX_LIMIT}.
 */
public record PageRequest(Optional<String> after, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.of("limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The first page of {@value #DEFAULT_LIMIT}. */
  public static PageRequest first() {
    return new PageRequest(Optional.empty(), DEFAULT_LIMIT);
  }

  /** The first page of {@code limit}. */
  public static PageRequest first(int limit) {
    return new PageRequest(Optional.empty(), limit);
  }

  /** The page after {@code cursor}. */
  public PageRequest after(String cursor) {
    return new PageRequest(Optional.of(cursor), limit);
  }

  /** The page that follows {@code page}; the same request if there is none. */
  public PageRequest next(Page<?> page) {
    return page.nextCursor().map(this::after).orElse(this);
  }
}
