package dev.membership.jooq.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
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
 * How the store runs a kept statement on plain JDBC, shared by kept reads ({@link JdbcReads}) and kept
 * writes ({@link JdbcWrites}): the connection is acquired and released through the configuration's
 * {@link ConnectionProvider}, as jOOQ does; each value is bound as its column's database type
 * ({@link #toDatabase}, {@link #bind}); jOOQ's query timeout (and, for reads, fetch size) settings apply
 * ({@link #apply}); a failure is reported as jOOQ reports one ({@link #translate}).
 *
 * <p>Without execute listeners the statement is prepared, bound and run ({@link #quietly}). With them
 * ({@link #heard}) each step is announced in jOOQ's order: {@code start}, {@code renderStart}/{@code
 * renderEnd} (with the kept text, which a listener may replace), {@code prepareStart}/{@code prepareEnd}
 * (a listener may replace the statement), {@code bindStart}/{@code bindEnd}, {@code executeStart}/{@code
 * executeEnd}, for reads {@code fetchStart}/{@code fetchEnd}, then {@code exception} on failure (a
 * listener may replace the exception) and {@code end}.
 */
final class Jdbc {
  private Jdbc() {}

  private static final ExecuteListener[] NO_LISTENERS = new ExecuteListener[0];

  /** A step run on the prepared, bound statement. */
  @FunctionalInterface
  interface Step<R> {
    R run(PreparedStatement statement) throws SQLException;
  }

  /** What is read once executed, between {@code fetchStart} and {@code fetchEnd}. */
  @FunctionalInterface
  interface Fetch<R> {
    R run() throws SQLException;
  }

  /** The listeners of {@code configuration}, one from each provider; none when it has no providers. */
  static ExecuteListener[] listeners(Configuration configuration) {
    ExecuteListenerProvider[] providers = configuration.executeListenerProviders();
    if (providers.length == 0) {
      return NO_LISTENERS;
    }
    ExecuteListener[] listeners = new ExecuteListener[providers.length];
    for (int i = 0; i < providers.length; i++) {
      listeners[i] = providers[i].provide();
    }
    return listeners;
  }

  /** {@code value} as its column's database type, through the column's converter. */
  @SuppressWarnings("unchecked")
  static @Nullable Object toDatabase(Converter<?, ?> converter, @Nullable Object value) {
    return value == null ? null : ((Converter<Object, Object>) converter).to(value);
  }

  /**
   * Without listeners: acquires a connection, prepares {@code sql}, applies the settings, binds the
   * values, runs {@code execute} and releases the connection.
   */
  static <R> R quietly(Configuration configuration, String sql, @Nullable Object[] values, Field<?>[] columns,
      boolean fetchSize, Step<R> execute) {
    ConnectionProvider connections = configuration.connectionProvider();
    Connection connection = connections.acquire();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      apply(configuration.settings(), statement, fetchSize);
      bind(statement, values, columns);
      return execute.run(statement);
    } catch (SQLException e) {
      throw translate(sql, e);
    } finally {
      connections.release(connection);
    }
  }

  /**
   * With listeners: each step announced, in jOOQ's order, with what a listener replaced taken over.
   * {@code execute} runs the statement between {@code executeStart} and {@code executeEnd} (telling
   * {@code ctx} what it did); {@code fetch}, when there is one, reads between {@code fetchStart} and
   * {@code fetchEnd} and gives the result.
   */
  static <R> R heard(ExecuteListener[] listeners, JdbcExecuteContext ctx, boolean fetchSize, Step<R> execute,
      @Nullable Fetch<R> fetch) {
    Configuration configuration = ctx.configuration();
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
      apply(configuration.settings(), statement, fetchSize);
      for (ExecuteListener l : listeners) {
        l.bindStart(ctx);
      }
      bind(statement, ctx.values(), ctx.columns());
      for (ExecuteListener l : listeners) {
        l.bindEnd(ctx);
      }
      for (ExecuteListener l : listeners) {
        l.executeStart(ctx);
      }
      R result = execute.run(statement);
      for (ExecuteListener l : listeners) {
        l.executeEnd(ctx);
      }
      if (fetch == null) {
        return result;
      }
      for (ExecuteListener l : listeners) {
        l.fetchStart(ctx);
      }
      R rows = fetch.run();
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
  private static RuntimeException announce(ExecuteListener[] listeners, JdbcExecuteContext ctx) {
    for (ExecuteListener l : listeners) {
      l.exception(ctx);
    }
    RuntimeException e = ctx.exception();
    return e != null ? e : new DataAccessException("The statement failed, and a listener took its exception away");
  }

  /** jOOQ's query timeout and, when {@code fetchSize} (reads), its fetch size, as they apply to a jOOQ query. */
  private static void apply(Settings settings, PreparedStatement statement, boolean fetchSize) throws SQLException {
    Integer timeout = settings.getQueryTimeout();
    if (timeout != null && timeout > 0) {
      statement.setQueryTimeout(timeout);
    }
    if (fetchSize) {
      Integer size = settings.getFetchSize();
      if (size != null && size != 0) {
        statement.setFetchSize(size);
      }
    }
  }

  /** Binds each value as its column's database type, as jOOQ's default binding does for these types. */
  private static void bind(PreparedStatement statement, @Nullable Object[] values, Field<?>[] columns)
      throws SQLException {
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

  /** As jOOQ reports a failed statement: its text (with {@code ?}, never a value) and the database's message. */
  private static DataAccessException translate(String sql, SQLException e) {
    return new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
  }
}
