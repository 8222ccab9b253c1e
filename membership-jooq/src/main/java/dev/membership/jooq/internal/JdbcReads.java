package dev.membership.jooq.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Converter;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Field;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
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
 * size settings apply as they would to a jOOQ query.
 */
final class JdbcReads {
  private JdbcReads() {}

  static <T> List<T> fetch(Configuration configuration, RenderedSql.Text text, RenderedSql.Binds binds,
      Field<?>[] fields, Function<? super Cells.Row, T> mapper) {
    // Which value goes to each '?', converted to the column's database type.
    Resolved resolved = text.plan().resolved;
    if (resolved == null || !resolved.fits(text, binds)) {
      resolved = Resolved.of(text, binds);
      text.plan().resolved = resolved;
    }
    Field<?>[] columns = resolved.columns;
    @Nullable Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      Object value = binds.value(resolved.at[i]);
      values[i] = value == null ? null : resolved.converters[i].to(value);
    }
    ExecuteListenerProvider[] providers = configuration.executeListenerProviders();
    if (providers.length == 0) {
      return fetchQuietly(configuration, text.sql(), values, columns, fields, mapper);
    }
    ExecuteListener[] listeners = new ExecuteListener[providers.length];
    for (int i = 0; i < providers.length; i++) {
      listeners[i] = providers[i].provide();
    }
    return fetchHeard(configuration, listeners, text.sql(), values, columns, fields, mapper);
  }

  /** Without listeners: prepare, bind, execute, read. */
  private static <T> List<T> fetchQuietly(Configuration configuration, String sql, Object[] values, Field<?>[] columns,
      Field<?>[] fields, Function<? super Cells.Row, T> mapper) {
    ConnectionProvider connections = configuration.connectionProvider();
    Connection connection = connections.acquire();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      apply(configuration.settings(), statement);
      bind(statement, values, columns);
      try (ResultSet rs = statement.executeQuery()) {
        return read(rs, fields, mapper);
      }
    } catch (SQLException e) {
      throw translate(sql, e);
    } finally {
      connections.release(connection);
    }
  }

  /** With listeners: each step announced, in jOOQ's order, with what a listener replaced taken over. */
  private static <T> List<T> fetchHeard(Configuration configuration, ExecuteListener[] listeners, String sql,
      Object[] values, Field<?>[] columns, Field<?>[] fields, Function<? super Cells.Row, T> mapper) {
    ReadContext ctx = new ReadContext(configuration, sql, values, columns);
    ConnectionProvider connections = configuration.connectionProvider();
    Connection connection = null;
    try {
      for (ExecuteListener l : listeners) {
        l.start(ctx);
      }
      connection = connections.acquire();
      ctx.connection(connection);
      for (ExecuteListener l : listeners) {
        l.renderStart(ctx);
      }
      for (ExecuteListener l : listeners) {
        l.renderEnd(ctx);
      }
      for (ExecuteListener l : listeners) {
        l.prepareStart(ctx);
      }
      if (ctx.statement() == null) {
        ctx.statement(connection.prepareStatement(ctx.sql()));
      }
      for (ExecuteListener l : listeners) {
        l.prepareEnd(ctx);
      }
      PreparedStatement statement = Objects.requireNonNull(ctx.statement(), "a listener took the statement away");
      apply(configuration.settings(), statement);
      for (ExecuteListener l : listeners) {
        l.bindStart(ctx);
      }
      bind(statement, values, columns);
      for (ExecuteListener l : listeners) {
        l.bindEnd(ctx);
      }
      for (ExecuteListener l : listeners) {
        l.executeStart(ctx);
      }
      ctx.resultSet(statement.executeQuery());
      ctx.executed();
      for (ExecuteListener l : listeners) {
        l.executeEnd(ctx);
      }
      for (ExecuteListener l : listeners) {
        l.fetchStart(ctx);
      }
      List<T> rows = read(Objects.requireNonNull(ctx.resultSet(), "a listener took the result set away"), fields, mapper);
      for (ExecuteListener l : listeners) {
        l.fetchEnd(ctx);
      }
      return rows;
    } catch (SQLException e) {
      ctx.sqlException(e);
      ctx.exception(translate(ctx.sql(), e));
      throw announce(listeners, ctx);
    } catch (RuntimeException e) {
      ctx.exception(e);
      throw announce(listeners, ctx);
    } finally {
      ctx.close();
      try {
        for (ExecuteListener l : listeners) {
          l.end(ctx);
        }
      } finally {
        if (connection != null) {
          connections.release(connection);
        }
      }
    }
  }

  /** The exception, after the listeners saw it (and perhaps replaced it). */
  private static RuntimeException announce(ExecuteListener[] listeners, ReadContext ctx) {
    for (ExecuteListener l : listeners) {
      l.exception(ctx);
    }
    RuntimeException e = ctx.exception();
    return e != null ? e : new DataAccessException("The read failed, and a listener took its exception away");
  }

  private static void apply(Settings settings, PreparedStatement statement) throws SQLException {
    Integer timeout = settings.getQueryTimeout();
    if (timeout != null && timeout > 0) {
      statement.setQueryTimeout(timeout);
    }
    Integer fetchSize = settings.getFetchSize();
    if (fetchSize != null && fetchSize != 0) {
      statement.setFetchSize(fetchSize);
    }
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

  /** Binds each value as its column's database type, as jOOQ's default binding does for these types. */
  private static void bind(PreparedStatement statement, Object[] values, Field<?>[] columns) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      int at = i + 1;
      switch (values[i]) {
        case null -> statement.setNull(at, columns[i].getDataType().getSQLType());
        case String s -> statement.setString(at, s);
        case Long l -> statement.setLong(at, l);
        case Integer n -> statement.setInt(at, n);
        case Boolean b -> statement.setBoolean(at, b);
        default -> statement.setObject(at, values[i]);
      }
    }
  }

  private static <T> List<T> read(ResultSet rs, Field<?>[] fields, Function<? super Cells.Row, T> mapper)
      throws SQLException {
    return Cells.Row.map(rs, fields, mapper);
  }

  /** As jOOQ reports a failed statement: its text (with {@code ?}, never a value) and the database's message. */
  private static DataAccessException translate(String sql, SQLException e) {
    return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
  }
}
