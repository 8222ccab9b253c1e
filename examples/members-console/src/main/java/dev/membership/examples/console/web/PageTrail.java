package dev.membership.examples.console.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The way back through keyset pages: the cursors of the pages visited before this one, oldest first,
 * carried in the link as one parameter ({@code back}), dot-separated ({@code -} is the first page; a
 * cursor is base64url, so it has no dot). The library's pages only go forward.
 */
record PageTrail(List<String> cursors) {
  private static final String FIRST = "-";
  private static final int KEPT = 50;

  static PageTrail parse(String back) {
    if (back == null || back.isBlank()) {
      return new PageTrail(List.of());
    }
    List<String> cursors = Arrays.stream(back.split("\\.")).filter(c -> !c.isBlank()).toList();
    return new PageTrail(cursors.size() > KEPT ? cursors.subList(cursors.size() - KEPT, cursors.size()) : cursors);
  }

  int size() {
    return cursors.size();
  }

  /** The {@code after} of the previous page: empty for the first page. */
  String previousCursor() {
    if (cursors.isEmpty()) {
      return "";
    }
    String last = cursors.getLast();
    return FIRST.equals(last) ? "" : last;
  }

  /** The {@code back} of the previous page's link. */
  String previousBack() {
    return cursors.isEmpty() ? "" : String.join(".", cursors.subList(0, cursors.size() - 1));
  }

  /** The {@code back} of the next page's link: this page's cursor added. */
  String forward(String after) {
    List<String> next = new ArrayList<>(cursors);
    next.add(after == null || after.isBlank() ? FIRST : after);
    return String.join(".", next.size() > KEPT ? next.subList(next.size() - KEPT, next.size()) : next);
  }
}
