package dev.membership.jooq.internal;

import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Converter;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * Runs a kept read ({@link RenderedSql.Text}) on a JDBC {@code PreparedStatement} of the connection
 * of {@code configuration} (the read's or the transaction's, acquired and released through its
 * {@link ConnectionProvider} as jOOQ does), binding each value through its column's converter and
 * reading the rows by position ({@link Cells.Row}): no jOOQ query is made, rendered or parsed per call.
 *
 * <p>The configuration's execute listeners still see the statement ({@link ReadContext}): {@code
 * start}, {@code renderStart}/{@code renderEnd} (with the kept text), {@code prepare*}, {@code bind*},
 * {@code execute*}, {@code fetchStart}/{@code fetchEnd} (no jOOQ record or result is made, so no
 * {@code record*}/{@code result*} events), {@code exception} and {@code end}, in jOOQ's order; a
 * listener may replace the text before it is prepared, the statement after it is prepared, and the
 * result set after execution. Without listeners none of this is made. jOOQ's query timeout and fetch
 * size settings apply as they would to a jOOQ query. The binding, the settings, the listeners' sequence
 * and the translation of failures are {@link Jdbc}'s, shared with kept writes.
 */
final class JdbcReads {
  private JdbcReads() {}

  static <T> List<T> fetch(Configuration configuration, RenderedSql.Text text, RenderedSql.Binds binds,
      Field<?>[] fields, Function<? super Cells.Row, T> mapper) {
    Bound bound = bound(text, binds);
    @Nullable Object[] values = bound.values();
    Field<?>[] columns = bound.columns();
    ExecuteListener[] listeners = Jdbc.listeners(configuration);
    if (listeners.length == 0) {
      return Jdbc.quietly(configuration, text.sql(), values, columns, true, statement -> {
        try (ResultSet rs = statement.executeQuery()) {
          return Cells.Row.map(rs, fields, mapper);
        }
      });
    }
    ReadContext ctx = new ReadContext(configuration, text.sql(), values, columns);
    return Jdbc.heard(listeners, ctx, true, statement -> {
      ctx.resultSet(statement.executeQuery());
      ctx.executed();
      return List.<T>of(); // the rows are read once fetchStart was announced
    }, () -> Cells.Row.map(Objects.requireNonNull(ctx.resultSet(), "a listener took the result set away"), fields,
        mapper));
  }

  /** The value of each {@code ?} of a kept text, in order, converted to its database type, and the column it is bound as. */
  record Bound(@Nullable Object[] values, Field<?>[] columns) {}

  /**
   * The values {@code binds} gives {@code text}'s parameters (a kept read's, or a kept update's of
   * {@link RenderedSql#execute}), found through the text's {@link Plan}: resolved once, then only
   * checked on each call.
   */
  static Bound bound(RenderedSql.Text text, RenderedSql.Binds binds) {
    Resolved resolved = text.plan().resolved;
    if (resolved == null || !resolved.fits(text, binds)) {
      resolved = Resolved.of(text, binds);
      text.plan().resolved = resolved;
    }
    Field<?>[] columns = resolved.columns;
    @Nullable Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      values[i] = Jdbc.toDatabase(resolved.converters[i], binds.value(resolved.at[i]));
    }
    return new Bound(values, columns);
  }

  /**
   * What a kept text remembers of how its values were found: the {@link Resolved resolution} of the
   * last call, which the next call of the same shape takes over when its values stand where they did.
   */
  static final class Plan {
    private volatile @Nullable Resolved resolved;
  }

  /**
   * For each {@code ?} of a text, where a call's {@link RenderedSql.Binds} put its value and the
   * column (and converter) it is bound as: found once, then checked against each call's binds
   * (same name, same column at the same place), not looked up again.
   */
  private static final class Resolved {
    final int[] at;
    final Field<?>[] columns;
    final Converter<Object, Object>[] converters;

    private Resolved(int[] at, Field<?>[] columns, Converter<Object, Object>[] converters) {
      this.at = at;
      this.columns = columns;
      this.converters = converters;
    }

    @SuppressWarnings("unchecked")
    static Resolved of(RenderedSql.Text text, RenderedSql.Binds binds) {
      String[] names = text.names();
      int[] at = new int[names.length];
      Field<?>[] columns = new Field<?>[names.length];
      Converter<Object, Object>[] converters = new Converter[names.length];
      for (int i = 0; i < names.length; i++) {
        at[i] = binds.indexOf(names[i], text);
        columns[i] = binds.column(at[i]);
        converters[i] = (Converter<Object, Object>) columns[i].getConverter();
      }
      return new Resolved(at, columns, converters);
    }

    /** Whether {@code binds} hold each value of {@code text} where, and as which column, this found it. */
    boolean fits(RenderedSql.Text text, RenderedSql.Binds binds) {
      String[] names = text.names();
      for (int i = 0; i < names.length; i++) {
        int index = at[i];
        if (index >= binds.size() || binds.column(index) != columns[i] || !names[i].equals(binds.name(index))) {
          return false;
        }
      }
      return true;
    }
  }
}
