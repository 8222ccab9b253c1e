package dev.membership.jooq.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Converter;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * A row's values by position, each as its column's type ({@code NULL} as {@code null}): a jOOQ
 * record's ({@code record::get}), or the current row of a JDBC result set read through the columns'
 * converters ({@link Row}), so that the one mapping of each table ({@link JooqRows}) reads both.
 */
@FunctionalInterface
interface Cells {
  /** The value at {@code index} (from 0), or {@code null} for {@code NULL}. */
  Object get(int index);

  /**
   * Runs {@code query} through jOOQ (its listeners see it as any other statement) and maps each row
   * of its JDBC result set, read by position through {@code fields}' converters: no jOOQ record is
   * made, and a column the mapping does not ask for is not read.
   */
  static <T> List<T> fetch(ResultQuery<?> query, Field<?>[] fields, Function<? super Row, T> mapper) {
    try (ResultSet rs = query.fetchResultSet()) {
      return Row.map(rs, fields, mapper);
    } catch (SQLException e) {
      throw new DataAccessException("Reading a result failed", e);
    }
  }

  /** A record's values. */
  static Cells of(Record record) {
    return record::get;
  }

  /**
   * Where a {@link Row#view view} reads each of its values: value {@code i} is column {@code
   * columns[i]} of the row (a negative column: one the statement does not carry, which the mapping
   * must not ask for), read as {@code fields[i]}, whose converter's database type is the column's.
   * Made once (a constant of the statement it reads), it keeps its fields' converters, so that a view
   * looks none up per call.
   */
  static final class Layout {
    private final Field<?>[] fields;
    private final int[] columns;
    private final Converter<Object, Object>[] converters;
    private final Class<?>[] types;
    /** The statement's columns this was last found to fit ({@link Row#view}): checked once, not per call. */
    private volatile Field<?> @Nullable [] fits;

    Layout(Field<?>[] fields, int[] columns) {
      if (fields.length != columns.length) {
        throw new IllegalArgumentException("one column per field");
      }
      this.fields = fields.clone();
      this.columns = columns.clone();
      this.converters = Row.converters(fields);
      this.types = Row.types(converters);
    }

    Field<?>[] fields() {
      return fields.clone();
    }

    int[] columns() {
      return columns.clone();
    }

    /**
     * {@code fields} (the mappings' order, e.g. tables' columns) read from a statement that selects
     * {@code selected}: each field at the column that selects it, or that selects the field it is
     * {@code sameAs} (a column joined on it, which holds the same value); a field none selects is
     * absent, and its mapping must not ask for it.
     */
    static Layout of(Field<?>[] selected, Field<?>[] fields, java.util.Map<Field<?>, Field<?>> sameAs) {
      int[] columns = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        Field<?> source = sameAs.getOrDefault(fields[i], fields[i]);
        columns[i] = -1;
        for (int c = 0; c < selected.length; c++) {
          if (selected[c] == source) {
            columns[i] = c;
            break;
          }
        }
      }
      return new Layout(fields, columns);
    }

    /** Throws unless each value is read as the statement's column it stands in ({@code statement}) is. */
    void requireFits(Field<?>[] statement) {
      if (fits == statement) {
        return;
      }
      for (int i = 0; i < columns.length; i++) {
        int column = columns[i];
        if (column >= 0 && types[i] != Row.converter(statement[column]).fromType()) {
          throw new IllegalStateException("value " + i + " of a view is not read as its column " + column + " is");
        }
      }
      fits = statement;
    }
  }

  /**
   * The current row of a result set, each column read as its converter's database type and
   * converted. A text value that repeats the one read before at the same index (the organisation of
   * every row, the few roles, the statuses) gives back the value converted then: domain values are
   * immutable, and parsing and validating them is most of reading a row.
   */
  final class Row implements Cells {
    private final ResultSet rs;
    private final Field<?>[] fields;
    /** The row by its own columns: made when first asked for (a row read through views never is). */
    private @Nullable Reader reader;
    private final List<Layout> layouts = new ArrayList<>(3);
    private final List<Reader> views = new ArrayList<>(3);

    private Row(ResultSet rs, Field<?>[] fields) {
      this.rs = rs;
      this.fields = fields;
    }

    /** Maps each row of {@code rs}, whose columns are {@code fields}. */
    static <T> List<T> map(ResultSet rs, Field<?>[] fields, Function<? super Row, T> mapper) throws SQLException {
      Row row = new Row(rs, fields);
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.apply(row));
      }
      return rows;
    }

    @Override
    @SuppressWarnings("NullAway") // NULL is null, as the interface says (a record's get does the same)
    public @Nullable Object get(int index) {
      Reader own = reader;
      if (own == null) {
        Converter<Object, Object>[] converters = converters(fields);
        own = new Reader(converters, types(converters), null);
        reader = own;
      }
      return own.get(index);
    }

    /**
     * The current row as {@code layout} orders and types it: a row of a union whose columns hold
     * different tables' values by kind is read through the view of its kind, at the indexes of that
     * table's mapping. The view follows the row as it moves.
     */
    Cells view(Layout layout) {
      for (int i = 0; i < layouts.size(); i++) {
        if (layouts.get(i) == layout) {
          return views.get(i);
        }
      }
      layout.requireFits(fields);
      Reader view = new Reader(layout.converters, layout.types, layout.columns);
      layouts.add(layout);
      views.add(view);
      return view;
    }

    @SuppressWarnings("unchecked")
    private static Converter<Object, Object> converter(Field<?> field) {
      return (Converter<Object, Object>) field.getConverter();
    }

    @SuppressWarnings("unchecked")
    private static Converter<Object, Object>[] converters(Field<?>[] fields) {
      Converter<Object, Object>[] converters = new Converter[fields.length];
      for (int i = 0; i < fields.length; i++) {
        converters[i] = converter(fields[i]);
      }
      return converters;
    }

    private static Class<?>[] types(Converter<Object, Object>[] converters) {
      Class<?>[] types = new Class<?>[converters.length];
      for (int i = 0; i < converters.length; i++) {
        types[i] = converters[i].fromType();
      }
      return types;
    }

    /** Reads values by index through their fields' converters, from the row's columns at {@code columns} (or the same index). */
    private final class Reader implements Cells {
      private final Converter<Object, Object>[] converters;
      private final Class<?>[] types;
      private final int @Nullable [] columns;
      private final @Nullable String[] lastText;
      private final @Nullable Object[] lastValue;

      /** Reads through {@code converters} (and their database {@code types}), which it does not change. */
      Reader(Converter<Object, Object>[] converters, Class<?>[] types, int @Nullable [] columns) {
        this.converters = converters;
        this.types = types;
        this.columns = columns;
        this.lastText = new String[converters.length];
        this.lastValue = new Object[converters.length];
      }

      @Override
      @SuppressWarnings("NullAway") // NULL is null, as the interface says
      public @Nullable Object get(int index) {
        int column = columns == null ? index : columns[index];
        if (column < 0) {
          throw new IllegalStateException("value " + index + " is not in the statement's row");
        }
        try {
          return read(index, column + 1);
        } catch (SQLException e) {
          throw new DataAccessException("Reading column " + (column + 1) + " failed", e);
        }
      }

      private @Nullable Object read(int index, int column) throws SQLException {
        Class<?> type = types[index];
        if (type == String.class) {
          String text = rs.getString(column);
          if (text == null) {
            return null;
          }
          if (text.equals(lastText[index])) {
            return lastValue[index];
          }
          Object value = converters[index].from(text);
          lastText[index] = text;
          lastValue[index] = value;
          return value;
        }
        Object value;
        if (type == Long.class) {
          long number = rs.getLong(column);
          value = rs.wasNull() ? null : number;
        } else if (type == Integer.class) {
          int number = rs.getInt(column);
          value = rs.wasNull() ? null : number;
        } else if (type == Boolean.class) {
          boolean flag = rs.getBoolean(column);
          value = rs.wasNull() ? null : flag;
        } else {
          value = rs.getObject(column, type);
        }
        return converters[index].from(value);
      }
    }
  }
}
