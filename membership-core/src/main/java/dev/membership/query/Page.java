package dev.membership.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a keyset-paginated list.
 *
 * @param items the items, in the list's order
 * @param nextCursor where the next page starts; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  public static <T> Page<T> empty() {
    return new Page<>(List.of(), Optional.empty());
  }

  /** Whether there is a next page. */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }

  /** The same page with each item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
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
}
