package dev.membership.jooq.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Converter;
import org.jooq.ConverterContext;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Routine;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * What the execute listeners of a configuration see of a statement the store runs on plain JDBC
 * ({@link Jdbc}): the part a kept read ({@link ReadContext}) and kept writes ({@link WriteContext})
 * share. It holds the configuration, the connection, the statement, its text with {@code ?} ({@link
 * #sql}), its bind values (as the columns' database types) and their columns, shown as jOOQ parameters
 * ({@link #params}), the exception, warning, server output and the listeners' data. No jOOQ {@link
 * Query}, routine, record or result is made ({@code null}, as for jOOQ's plain JDBC); a listener may
 * replace the text and the statement, not the values, the connection, records or results.
 */
abstract class JdbcExecuteContext implements ExecuteContext, ConverterContext {
  private final Configuration configuration;
  private final Instant creationTime = Instant.now();
  private final Map<Object, Object> data = new HashMap<>();
  private final @Nullable Object[] values;
  private final Field<?>[] columns;
  /** What the store runs, for messages: "reads" or "kept writes". */
  private final String what;
  private String sql;
  private @Nullable Connection connection;
  private @Nullable PreparedStatement statement;
  private @Nullable RuntimeException exception;
  private @Nullable SQLException sqlException;
  private @Nullable SQLWarning sqlWarning;
  private String[] serverOutput = new String[0];
  private int executions;

  JdbcExecuteContext(Configuration configuration, String what, String sql, @Nullable Object[] values,
      Field<?>[] columns) {
    this.configuration = configuration;
    this.what = what;
    this.sql = sql;
    this.values = values;
    this.columns = columns;
  }

  /** The values bound, each as its column's database type, in the order of the {@code ?}. */
  final @Nullable Object[] values() {
    return values;
  }

  /** The column each value is bound as. */
  final Field<?>[] columns() {
    return columns;
  }

  final void connection(Connection connection) {
    this.connection = connection;
  }

  /** The statement ran once more. */
  final void executed() {
    executions++;
  }

  /** Closes what the statement opened and the statement, quietly, as jOOQ does. */
  void close() {
    try {
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      // Nothing read or written depends on it; the connection's release or the pool cleans up.
    }
  }

  @Override
  public final Instant creationTime() {
    return creationTime;
  }

  @Override
  public final Configuration configuration() {
    return configuration;
  }

  @Override
  public final DSLContext dsl() {
    return DSL.using(configuration);
  }

  @Override
  public final Settings settings() {
    return configuration.settings();
  }

  @Override
  public final SQLDialect dialect() {
    return configuration.dialect();
  }

  @Override
  public final SQLDialect family() {
    return configuration.family();
  }

  @Override
  public final Map<Object, Object> data() {
    return data;
  }

  @Override
  public final @Nullable Object data(Object key) {
    return data.get(key);
  }

  @Override
  public final @Nullable Object data(Object key, Object value) {
    return data.put(key, value);
  }

  @Override
  public final ConverterContext converterContext() {
    return this;
  }

  @Override
  public final @Nullable Connection connection() {
    return connection;
  }

  @Override
  public final @Nullable Query query() {
    return null;
  }

  @Override
  public final Query[] batchQueries() {
    return new Query[0];
  }

  @Override
  public final @Nullable Routine<?> routine() {
    return null;
  }

  @Override
  public final String sql() {
    return sql;
  }

  @Override
  public final void sql(String sql) {
    this.sql = sql;
  }

  /** The bind values, each typed as its column (a listener that logs them sees the values bound). */
  @Override
  public final Param<?>[] params() {
    Param<?>[] params = new Param<?>[values.length];
    for (int i = 0; i < values.length; i++) {
      params[i] = param(values[i], columns[i]);
    }
    return params;
  }

  @SuppressWarnings("unchecked")
  private static <T> Param<T> param(@Nullable Object databaseValue, Field<T> column) {
    T value = databaseValue == null ? null : ((Converter<Object, T>) column.getConverter()).from(databaseValue);
    return DSL.val(value, column);
  }

  /** The values are bound as the store's columns need; a listener cannot replace them. */
  @Override
  public final void params(Param<?>[] params) {
    throw new UnsupportedOperationException("The membership store's " + what + " bind their own values");
  }

  @Override
  public final int skipUpdateCounts() {
    return 0;
  }

  /** The statement runs on the transaction's (or the read's) connection; a listener cannot move it elsewhere. */
  @Override
  public final void connectionProvider(ConnectionProvider provider) {
    throw new UnsupportedOperationException("The membership store's " + what + " run on the transaction's connection");
  }

  @Override
  public final @Nullable PreparedStatement statement() {
    return statement;
  }

  @Override
  public final void statement(PreparedStatement statement) {
    this.statement = statement;
  }

  @Override
  public final int statementExecutionCount() {
    return executions;
  }

  @Override
  public final long rowsLarge() {
    return rows();
  }

  /** The row counts, if any, are the driver's, read after execution; a listener does not set them. */
  @Override
  public final void rows(int rows) {
    // Ignored.
  }

  @Override
  public final void rowsLarge(long rows) {
    // Ignored.
  }

  @Override
  public final long[] batchRowsLarge() {
    return Arrays.stream(batchRows()).asLongStream().toArray();
  }

  @Override
  public final int recordLevel() {
    return -1;
  }

  @Override
  public final @Nullable Record record() {
    return null;
  }

  @Override
  public final void record(Record record) {
    throw new UnsupportedOperationException("The membership store's " + what + " make no records");
  }

  @Override
  public final int resultLevel() {
    return -1;
  }

  @Override
  public final @Nullable Result<?> result() {
    return null;
  }

  @Override
  public final void result(Result<?> result) {
    throw new UnsupportedOperationException("The membership store's " + what + " make no jOOQ result");
  }

  @Override
  public final @Nullable RuntimeException exception() {
    return exception;
  }

  @Override
  public final void exception(RuntimeException e) {
    this.exception = e;
  }

  @Override
  public final @Nullable SQLException sqlException() {
    return sqlException;
  }

  @Override
  public final void sqlException(SQLException e) {
    this.sqlException = e;
  }

  @Override
  public final @Nullable SQLWarning sqlWarning() {
    return sqlWarning;
  }

  @Override
  public final void sqlWarning(SQLWarning warning) {
    this.sqlWarning = warning;
  }

  @Override
  public final String[] serverOutput() {
    return serverOutput;
  }

  @Override
  public final void serverOutput(String[] output) {
    this.serverOutput = output;
  }
}
