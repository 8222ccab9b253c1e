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
 * converters ({@link #fetch}), so that the one mapping of each table ({@link JooqRows}) reads both.
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
  static <T> List<T> fetch(ResultQuery<?> query, Field<?>[] fields, Function<Cells, T> mapper) {
    try (ResultSet rs = query.fetchResultSet()) {
      Row row = new Row(rs, fields);
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.apply(row));
      }
      return rows;
    } catch (SQLException e) {
      throw new DataAccessException("Reading a result failed", e);
    }
  }

  /** A record's values. */
  static Cells of(Record record) {
    return record::get;
  }

  /**
   * The current row of a result set, each column read as its converter's database type and
   * converted. A text column whose value repeats the one read before in the same column (the
   * organisation of every row, the few roles, the statuses) gives back the value converted then:
   * domain values are immutable, and parsing and validating them is most of reading a row.
   */
  final class Row implements Cells {
    private final ResultSet rs;
    private final Converter<Object, Object>[] converters;
    private final Class<?>[] types;
    private final @Nullable String[] lastText;
    private final @Nullable Object[] lastValue;

    @SuppressWarnings("unchecked")
    Row(ResultSet rs, Field<?>[] fields) {
      this.rs = rs;
      this.converters = new Converter[fields.length];
      this.types = new Class<?>[fields.length];
      for (int i = 0; i < fields.length; i++) {
        converters[i] = (Converter<Object, Object>) fields[i].getConverter();
        types[i] = converters[i].fromType();
      }
      this.lastText = new String[fields.length];
      this.lastValue = new Object[fields.length];
    }

    @Override
    @SuppressWarnings("NullAway") // NULL is null, as the interface says (a record's get does the same)
    public @Nullable Object get(int index) {
      try {
        return read(index);
      } catch (SQLException e) {
        throw new DataAccessException("Reading column " + (index + 1) + " failed", e);
      }
    }

    private @Nullable Object read(int index) throws SQLException {
      Class<?> type = types[index];
      int column = index + 1;
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
