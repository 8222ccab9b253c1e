package dev.membership.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list.
 *
 * @param items the items, in the list's order
 * @param nextCursor where the next page starts ({@link PageRequest#after}); empty on the last page
 * @param previousCursor where the previous page ends ({@link PageRequest#before}); empty on the first
 *     page, and on every page of a list that pages forward only
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, Optional<String> previousCursor) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
    Objects.requireNonNull(previousCursor, "previousCursor");
  }

  /** A page of a list that pages forward only. */
  public Page(List<T> items, Optional<String> nextCursor) {
    this(items, nextCursor, Optional.empty());
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty());
  }

  /** Whether there is a next page. */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }

  /** Whether there is a previous page. */
  public boolean hasPrevious() {
    return previousCursor.isPresent();
  }

  /** The same page with each item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor, previousCursor);
  }

  /**
   * Cuts a list fetched with {@code limit + 1} rows into a page: the extra row only proves there is a
   * next page, whose cursor is made from the last item kept.
   */
  public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<? super T, String> cursorOf) {
    if (rowsPlusOne.size() <= limit) {
      return new Page<>(rowsPlusOne, Optional.empty());
    }
    List<T> kept = rowsPlusOne.subList(0, limit);
    return new Page<>(kept, Optional.of(cursorOf.apply(kept.get(limit - 1))));
  }

  /**
   * Cuts {@code limit + 1} rows fetched for {@code request} into a page with both cursors. For a
   * request {@link PageRequest#after after} a cursor (or the first page), the rows come in the list's
   * order: the extra row proves a next page, and there is a previous page exactly when the request
   * had a cursor. For a request {@link PageRequest#before before} a cursor, the rows come in the
   * reverse order (nearest to the cursor first) and are turned round: the extra row proves a previous
   * page, and the cursor's own row follows.
   */
  public static <T> Page<T> of(List<T> rowsPlusOne, PageRequest request, Function<? super T, String> cursorOf) {
    int limit = request.limit();
    boolean more = rowsPlusOne.size() > limit;
    List<T> kept = new ArrayList<>(more ? rowsPlusOne.subList(0, limit) : rowsPlusOne);
    if (!request.backwards()) {
      Optional<String> next = more ? Optional.of(cursorOf.apply(kept.getLast())) : Optional.empty();
      Optional<String> previous = request.after().isPresent() && !kept.isEmpty()
          ? Optional.of(cursorOf.apply(kept.getFirst()))
          : Optional.empty();
      return new Page<>(kept, next, previous);
    }
    Collections.reverse(kept);
    if (kept.isEmpty()) {
      return new Page<>(kept, Optional.empty(), Optional.empty());
    }
    Optional<String> previous = more ? Optional.of(cursorOf.apply(kept.getFirst())) : Optional.empty();
    return new Page<>(kept, Optional.of(cursorOf.apply(kept.getLast())), previous);
  }
}
