package dev.membership.jooq.internal;

import dev.membership.domain.TextForms;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.query.Cursor;
import dev.membership.query.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.exception.DataAccessException;

/**
 * What the jOOQ ports share when they write and page: a taken unique key turned into the port's
 * conflict, an optimistic update that matched no row turned into a concurrent modification, the
 * search form of text, and keyset conditions.
 */
final class SqlSupport {
  private SqlSupport() {}

  /** Runs an insert, turning a taken unique key into {@code conflict} and a taken id into an error. */
  static void guardedInsert(Runnable insert, Supplier<? extends RuntimeException> conflict) {
    guardedInsert(insert, conflict, false);
  }

  static void guardedInsert(Runnable insert, Supplier<? extends RuntimeException> conflict, boolean idIsTheKey) {
    try {
      insert.run();
    } catch (DataAccessException e) {
      Optional<SqlErrors.UniqueViolation> violation = SqlErrors.uniqueViolation(e);
      if (violation.isEmpty()) {
        throw e;
      }
      if (conflict == null || (violation.get() == SqlErrors.UniqueViolation.PRIMARY_KEY && !idIsTheKey)) {
        IllegalStateException duplicate = new IllegalStateException("duplicate id");
        duplicate.initCause(e);
        throw duplicate;
      }
      RuntimeException mapped = conflict.get();
      mapped.addSuppressed(e);
      throw mapped;
    }
  }

  static int guardedUpdate(Supplier<Integer> update, Supplier<? extends RuntimeException> conflict) {
    try {
      return update.get();
    } catch (DataAccessException e) {
      if (SqlErrors.uniqueViolation(e).isEmpty()) {
        throw e;
      }
      RuntimeException mapped = conflict.get();
      mapped.addSuppressed(e);
      throw mapped;
    }
  }

  static void requireUpdated(int rows, String what) {
    if (rows != 1) {
      throw new ConcurrentModificationException(what);
    }
  }

  /** What name_lower and display_name_lower hold, and what search text is compared as. */
  static String lower(String text) {
    return TextForms.searchForm(text);
  }

  /** A LIKE pattern for "contains {@code text}", with {@code !} as the escape character. */
  static String containsPattern(String text) {
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  /** Keyset: rows after {@code (a, b)} in ascending order; the first term lets an index seek. */
  static <A, B> Condition after(Field<A> first, Field<B> second, A a, B b) {
    return first.ge(a).and(first.gt(a).or(second.gt(b)));
  }

  /** Keyset: rows before {@code (a, b)} in descending order. */
  static <A, B> Condition before(Field<A> first, Field<B> second, A a, B b) {
    return first.le(a).and(first.lt(a).or(second.lt(b)));
  }

  /**
   * A page over {@code (instant, id)} in either direction: the rows past the request's cursor (after
   * it, or before it for {@link PageRequest#before}) and the order to read them in; a list shown
   * {@code newestFirst} reads forward descending. Rows read for a {@code before} request come nearest
   * the cursor first, as {@link dev.membership.query.Page#of(List, PageRequest, java.util.function.Function)}
   * expects.
   */
  static InstantKeyset instantKeyset(PageRequest page, Field<Long> at, Field<String> id, boolean newestFirst) {
    boolean ascending = newestFirst == page.backwards();
    Optional<Condition> past = page.after().or(page::before).map(cursor -> {
      List<String> key = Cursor.decode(cursor, 2);
      long instant = Codec.nanos(Codec.cursorInstant(key.get(0)));
      return ascending ? after(at, id, instant, key.get(1)) : before(at, id, instant, key.get(1));
    });
    List<SortField<?>> order = ascending ? List.of(at.asc(), id.asc()) : List.of(at.desc(), id.desc());
    return new InstantKeyset(past, order);
  }

  /** See {@link #instantKeyset}: the keyset condition (none on a first page) and the order. */
  record InstantKeyset(Optional<Condition> past, List<SortField<?>> order) {
    Condition and(Condition where) {
      return past.map(where::and).orElse(where);
    }
  }
}
