package dev.membership.jooq.internal;

import dev.membership.domain.TextForms;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import dev.membership.error.InvalidInputException;
import dev.membership.query.Cursor;
import java.util.List;
import java.util.function.Function;
import static org.jooq.impl.DSL.inline;
import dev.membership.query.PageRequest;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import java.util.Collection;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.Record;
import org.jooq.SelectOrderByStep;
import org.jooq.Select;
import org.jooq.SelectSeekStep2;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * What the jOOQ ports share when they write and page: a taken unique key turned into the port's
 * conflict, an optimistic update that matched no row turned into a concurrent modification, the
 * search form of text, and keyset pages.
 */
final class SqlSupport {
  private SqlSupport() {}

  /** Runs an insert, turning a taken unique key into {@code conflict} and a taken id into an error. */
  static void guardedInsert(Runnable insert, @Nullable Supplier<? extends RuntimeException> conflict) {
    guardedInsert(insert, conflict, false);
  }

  static void guardedInsert(Runnable insert, @Nullable Supplier<? extends RuntimeException> conflict,
      boolean idIsTheKey) {
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

  /**
   * Inserts a row whose primary key is its natural key (an entitlement's, an application's): a taken
   * key is the conflict {@code code} with {@code message}.
   */
  static void insertKeyed(DSLContext sql, TableRecord<?> row, ErrorCode code, String message) {
    guardedInsert(() -> sql.executeInsert(row), () -> new ConflictException(code, message), true);
  }

  static int guardedUpdate(Supplier<Integer> update, Supplier<? extends RuntimeException> conflict) {
    return guardedWrite(update, constraint -> conflict.get());
  }

  /**
   * Runs a write whose refusal by a unique key is the conflict that key stands for, told by the
   * constraint's name in lower case (the rest of the message quotes the users' values).
   */
  static int guardedWrite(Supplier<Integer> write, Function<String, ? extends RuntimeException> conflictOfConstraint) {
    try {
      return write.get();
    } catch (DataAccessException e) {
      if (SqlErrors.uniqueViolation(e).isEmpty()) {
        throw e;
      }
      String constraint = SqlErrors.sqlException(e).map(x -> SqlErrors.constraintName(String.valueOf(x.getMessage())))
          .orElse("").toLowerCase(Locale.ROOT);
      RuntimeException mapped = conflictOfConstraint.apply(constraint);
      mapped.addSuppressed(e);
      throw mapped;
    }
  }

  /**
   * The optimistic update of {@code row}, read at the version it holds: written, but for the columns
   * {@code unchanged}, over the row {@code key} selects if that row still has that version, and
   * returned with the next version. A row changed meanwhile matches nothing: a concurrent
   * modification of {@code what}; a taken unique key is the conflict of its constraint.
   */
  static <R extends TableRecord<R>> R updateVersioned(DSLContext sql, R row, TableField<R, Long> version, Condition key,
      Function<String, ? extends RuntimeException> conflictOfConstraint, String what, Field<?>... unchanged) {
    Query update = versionedUpdate(sql, row, version, key, unchanged);
    requireUpdated(guardedWrite(update::execute, conflictOfConstraint), what);
    return row;
  }

  /**
   * {@link #updateVersioned}, kept ({@link Deferred#update}) for the batch that ends the unit of work:
   * for a change that takes no unique key (a status that leaves the pending one), so that only a lost
   * race can refuse it; the concurrent modification of {@code what} is thrown when the batch is sent.
   * The row is selected by its {@code key} columns, holding {@code row}'s values, and its version.
   */
  static <R extends TableRecord<R>> R updateVersionedLater(Deferred later, R row, TableField<R, Long> version,
      List<TableField<R, ?>> key, String what, Field<?>... unchanged) {
    later.update(Write.versionedUpdate(row, version, key, unchanged), () -> new ConcurrentModificationException(what));
    return row;
  }

  /** The update of {@code row} over the row {@code key} selects at the version {@code row} holds, which it raises by one. */
  private static <R extends TableRecord<R>> Query versionedUpdate(DSLContext sql, R row, TableField<R, Long> version,
      Condition key, Field<?>... unchanged) {
    long stored = Objects.requireNonNull(row.get(version), "version");
    row.set(version, stored + 1);
    return sql.update(row.getTable()).set(JooqRows.allColumns(row, unchanged)).where(key.and(version.eq(stored)));
  }

  /**
   * Keeps ({@link Deferred}) the insert of one grant row per key, of the membership or invitation
   * {@code owner} of {@code organisation}; nothing for no keys. The grant tables have the same three
   * columns: the owner's id, the organisation, the entitlement key.
   */
  static <R extends Record, I> void insertGrants(Deferred later, Table<R> table, Field<I> ownerColumn,
      Field<OrganisationId> organisationColumn, Field<EntitlementKey> keyColumn, I owner, OrganisationId organisation,
      Collection<EntitlementKey> keys) {
    if (keys.isEmpty()) {
      return;
    }
    int rows = keys.size();
    Field<?>[] columns = new Field<?>[rows * 3];
    @Nullable Object[] values = new Object[rows * 3];
    int at = 0;
    for (EntitlementKey key : keys) {
      columns[at] = ownerColumn;
      values[at++] = owner;
      columns[at] = organisationColumn;
      values[at++] = organisation;
      columns[at] = keyColumn;
      values[at++] = key;
    }
    later.add(new Write(List.of("grants", table.getName(), rows), (sql, value) -> {
      var insert = sql.insertInto(table, ownerColumn, organisationColumn, keyColumn);
      for (int row = 0; row < rows; row++) {
        insert = insert.values(Write.fields(value, row * 3, row * 3 + 3));
      }
      return insert;
    }, columns, values));
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

  /**
   * The page after {@code cursor} in the order of {@code ordered} (jOOQ's {@code seek}: a keyset
   * condition an index can seek to), or the first page without one, at most {@code limit} rows; each part of the cursor is read
   * by its parser, and one that does not parse makes the cursor malformed.
   */
  static <R extends Record, A, B> Select<R> seek(SelectSeekStep2<R, A, B> ordered, Optional<String> cursor,
      Function<String, A> first, Function<String, B> second, int limit) {
    Optional<Key<A, B>> key = key(cursor, first, second);
    if (key.isEmpty()) {
      return ordered.limit(inline(limit));
    }
    return ordered.seek(key.get().first(), key.get().second()).limit(inline(limit));
  }

  /** The two parts of a keyset cursor, each read by its parser. */
  record Key<A, B>(A first, B second) {}

  /**
   * The key of {@code cursor}, each part read by its parser; a cursor that does not decode, or a
   * part that does not parse, makes the cursor malformed.
   */
  static <A, B> Optional<Key<A, B>> key(Optional<String> cursor, Function<String, A> first, Function<String, B> second) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    List<String> key = Cursor.decode(cursor.get(), 2);
    try {
      return Optional.of(new Key<>(first.apply(key.get(0)), second.apply(key.get(1))));
    } catch (RuntimeException e) {
      throw InvalidInputException.of("cursor", "malformed", "is not a cursor of this list");
    }
  }

  /**
   * A page over {@code (first, second)} in either direction, through {@link #seek}: shown in
   * {@code descending} order (or ascending), the rows past the request's cursor ({@code after} it, or
   * {@code before} it read in the reverse order, nearest the cursor first, as
   * {@link dev.membership.query.Page#of(List, PageRequest, Function)} expects), at most one more than
   * the page's limit.
   */
  static <R extends Record, A, B> Select<R> seek(SelectOrderByStep<R> where, PageRequest page, Field<A> first,
      Field<B> second, boolean descending, Function<String, A> firstOf, Function<String, B> secondOf) {
    boolean desc = descending != page.backwards();
    SelectSeekStep2<R, A, B> ordered = desc ? where.orderBy(first.desc(), second.desc())
        : where.orderBy(first.asc(), second.asc());
    return seek(ordered, page.after().or(page::before), firstOf, secondOf, page.limit() + 1);
  }
}
