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

  /** The current row of a result set. */
  final class Row implements Cells {
    private final ResultSet rs;
    private final Converter<?, ?>[] converters;

    Row(ResultSet rs, Field<?>[] fields) {
      this.rs = rs;
      this.converters = new Converter<?, ?>[fields.length];
      for (int i = 0; i < fields.length; i++) {
        converters[i] = fields[i].getConverter();
      }
    }

    @Override
    public Object get(int index) {
      try {
        return convert(converters[index], index);
      } catch (SQLException e) {
        throw new DataAccessException("Reading column " + (index + 1) + " failed", e);
      }
    }

    private <D, U> Object convert(Converter<D, U> converter, int index) throws SQLException {
      D value = rs.getObject(index + 1, converter.fromType());
      return converter.from(value);
    }
  }
}
