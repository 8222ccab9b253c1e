package dev.membership.query;

import dev.membership.error.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a list: after the opaque cursor of the previous page's end ({@link Page#nextCursor}),
 * or before the cursor of the next page's start ({@link Page#previousCursor}), or the first page when
 * neither is given; and how many items, 1 to {@value #MAX_LIMIT}.
 *
 * <p>Paging back with {@link #before} is offered by the members page, the join-request list and the
 * audit log; the other lists page forward only and refuse a {@code before} cursor ({@code
 * INVALID_INPUT}, field {@code before}).
 *
 * @param after the page starts after this cursor's row
 * @param before the page ends before this cursor's row (the last {@code limit} rows before it)
 * @param limit how many items at most
 */
public record PageRequest(Optional<String> after, Optional<String> before, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(before, "before");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw InvalidInputException.of("limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
    }
    if (after.isPresent() && before.isPresent()) {
      throw InvalidInputException.of("before", "not_with_after", "a page is either after a cursor or before one");
    }
  }

  /** A page after {@code after} (or the first page when empty). */
  public PageRequest(Optional<String> after, int limit) {
    this(after, Optional.empty(), limit);
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
    return new PageRequest(Optional.of(cursor), Optional.empty(), limit);
  }

  /** The page before {@code cursor}: the {@code limit} rows that come just before it. */
  public PageRequest before(String cursor) {
    return new PageRequest(Optional.empty(), Optional.of(cursor), limit);
  }

  /** Whether this asks for the rows before a cursor (the list is read backwards, then turned round). */
  public boolean backwards() {
    return before.isPresent();
  }

  /** The page that follows {@code page}; the same request if there is none. */
  public PageRequest next(Page<?> page) {
    return page.nextCursor().map(this::after).orElse(this);
  }

  /** The page that precedes {@code page}; the same request if there is none. */
  public PageRequest previous(Page<?> page) {
    return page.previousCursor().map(this::before).orElse(this);
  }

  /**
   * Refuses a {@code before} cursor, for the lists that page forward only.
   *
   * @throws InvalidInputException with field {@code before}
   */
  public PageRequest requireForward() {
    if (before.isPresent()) {
      throw InvalidInputException.of("before", "not_supported", "this list pages forward only");
    }
    return this;
  }
}
