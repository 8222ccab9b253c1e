package dev.membership.jooq.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * One write kept for the batch that ends a unit of work ({@link Deferred}): its shape (what decides
 * its SQL text), how its query is built, and its values, each with the column whose converter binds
 * it. The query is built with each value as {@code value.apply(index)}: as a named parameter to render
 * the shape's text once ({@link JdbcWrites}), or as the value itself to run it through jOOQ (a batch
 * of several on H2 and MariaDB, a configuration that inlines values, a read's transaction).
 */
record Write(Object shape, Build build, Field<?>[] columns, @Nullable Object[] values) {

  /** Builds the write's query, each value (by its index in {@link #values}) given by {@code value}. */
  @FunctionalInterface
  interface Build {
    Query build(DSLContext sql, IntFunction<Field<?>> value);
  }

  /** The write as a jOOQ query with its values, for jOOQ to run. */
  Query query(DSLContext sql) {
    return build.build(sql, i -> val(values[i], columns[i]));
  }

  @SuppressWarnings("unchecked")
  private static <T> Param<T> val(@Nullable Object value, Field<T> column) {
    return DSL.val((T) value, column);
  }

  /** {@code column = value}, {@code value} being a field typed as {@code column}. */
  @SuppressWarnings("unchecked")
  static <T> Condition eq(Field<T> column, Field<?> value) {
    return column.eq((Field<T>) value);
  }

  /** The insert of {@code record}: every column of its table, {@code NULL}s too. */
  static Write insert(TableRecord<?> record) {
    Table<?> table = record.getTable();
    Field<?>[] columns = table.fields();
    @Nullable Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      values[i] = record.get(i);
    }
    return new Write(List.of("insert", table.getName()), (sql, value) -> sql.insertInto(table).columns(columns)
        .values(fields(value, 0, columns.length)), columns, values);
  }

  /** The values {@code from} to {@code to} (exclusive), as {@code value} gives them. */
  static List<Field<?>> fields(IntFunction<Field<?>> value, int from, int to) {
    List<Field<?>> fields = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      fields.add(value.apply(i));
    }
    return fields;
  }

  /**
   * The optimistic update of {@code row} (as {@link SqlSupport#updateVersioned}): every column but
   * {@code unchanged}, over the row whose {@code key} columns hold {@code row}'s values and whose
   * version is the one {@code row} holds, which it raises by one in {@code row}.
   */
  static <R extends TableRecord<R>> Write versionedUpdate(R row, TableField<R, Long> version, List<TableField<R, ?>> key,
      Field<?>... unchanged) {
    long stored = Objects.requireNonNull(row.get(version), "version");
    row.set(version, stored + 1);
    Table<R> table = row.getTable();
    List<Field<?>> except = Arrays.asList(unchanged);
    Field<?>[] all = table.fields();
    List<Field<?>> set = new ArrayList<>(all.length);
    List<Object> setValues = new ArrayList<>(all.length);
    for (int i = 0; i < all.length; i++) {
      if (!except.contains(all[i])) {
        set.add(all[i]);
        setValues.add(row.get(i));
      }
    }
    int keyAt = set.size();
    int versionAt = keyAt + key.size();
    Field<?>[] columns = new Field<?>[versionAt + 1];
    @Nullable Object[] values = new Object[columns.length];
    for (int i = 0; i < keyAt; i++) {
      columns[i] = set.get(i);
      values[i] = setValues.get(i);
    }
    for (int i = 0; i < key.size(); i++) {
      columns[keyAt + i] = key.get(i);
      values[keyAt + i] = row.get(key.get(i));
    }
    columns[versionAt] = version;
    values[versionAt] = stored;
    // What decides the text: the table, the columns left unchanged, the key's columns.
    List<Object> shape = List.of("update", table.getName(), except, key);
    return new Write(shape, (sql, value) -> {
      Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
      for (int i = 0; i < keyAt; i++) {
        assignments.put(set.get(i), value.apply(i));
      }
      Condition where = DSL.noCondition();
      for (int i = 0; i < key.size(); i++) {
        where = where.and(eq(key.get(i), value.apply(keyAt + i)));
      }
      return sql.update(table).set(assignments).where(where.and(eq(version, value.apply(versionAt))));
    }, columns, values);
  }
}
