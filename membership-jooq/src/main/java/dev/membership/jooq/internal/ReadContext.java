package dev.membership.jooq.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.ConverterContext;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteType;
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
 * What the execute listeners of a configuration see of a read run by {@link JdbcReads}: one {@link
 * ExecuteType#READ} statement, its text with {@code ?} ({@link #sql}), its bind values as jOOQ
 * parameters ({@link #params}), the connection, the statement and the result set; no jOOQ {@link
 * Query} ({@code null}, as for jOOQ's plain JDBC) and no records (the rows are read by position).
 */
final class ReadContext implements ExecuteContext, ConverterContext {
  private final Configuration configuration;
  private final Instant creationTime = Instant.now();
  private final Map<Object, Object> data = new HashMap<>();
  private final Object[] values;
  private final Field<?>[] columns;
  private String sql;
  private @Nullable Connection connection;
  private @Nullable PreparedStatement statement;
  private @Nullable ResultSet resultSet;
  private @Nullable RuntimeException exception;
  private @Nullable SQLException sqlException;
  private @Nullable SQLWarning sqlWarning;
  private String[] serverOutput = new String[0];
  private int executions;

  ReadContext(Configuration configuration, String sql, Object[] values, Field<?>[] columns) {
    this.configuration = configuration;
    this.sql = sql;
    this.values = values;
    this.columns = columns;
  }

  void connection(Connection connection) {
    this.connection = connection;
  }

  void executed() {
    executions++;
  }

  /** Closes the result set and the statement, quietly, as jOOQ does. */
  void close() {
    try {
      if (resultSet != null) {
        resultSet.close();
      }
    } catch (SQLException e) {
      // The statement's close below closes it too.
    }
    try {
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      // Nothing read depends on it; the connection's release or the pool cleans up.
    }
  }

  @Override
  public Instant creationTime() {
    return creationTime;
  }

  @Override
  public Configuration configuration() {
    return configuration;
  }

  @Override
  public DSLContext dsl() {
    return DSL.using(configuration);
  }

  @Override
  public Settings settings() {
    return configuration.settings();
  }

  @Override
  public SQLDialect dialect() {
    return configuration.dialect();
  }

  @Override
  public SQLDialect family() {
    return configuration.family();
  }

  @Override
  public Map<Object, Object> data() {
    return data;
  }

  @Override
  public @Nullable Object data(Object key) {
    return data.get(key);
  }

  @Override
  public @Nullable Object data(Object key, Object value) {
    return data.put(key, value);
  }

  @Override
  public ConverterContext converterContext() {
    return this;
  }

  @Override
  public @Nullable Connection connection() {
    return connection;
  }

  @Override
  public ExecuteType type() {
    return ExecuteType.READ;
  }

  @Override
  public @Nullable Query query() {
    return null;
  }

  @Override
  public BatchMode batchMode() {
    return BatchMode.NONE;
  }

  @Override
  public Query[] batchQueries() {
    return new Query[0];
  }

  @Override
  public @Nullable Routine<?> routine() {
    return null;
  }

  @Override
  public String sql() {
    return sql;
  }

  @Override
  public void sql(String sql) {
    this.sql = sql;
  }

  /** The bind values, each typed as its column (a listener that logs them sees the values bound). */
  @Override
  public Param<?>[] params() {
    Param<?>[] params = new Param<?>[values.length];
    for (int i = 0; i < values.length; i++) {
      params[i] = param(values[i], columns[i]);
    }
    return params;
  }

  @SuppressWarnings("unchecked")
  private static <T> Param<T> param(Object databaseValue, Field<T> column) {
    T value = databaseValue == null ? null : ((org.jooq.Converter<Object, T>) column.getConverter()).from(databaseValue);
    return DSL.val(value, column);
  }

  /** The values are bound as the store's columns need; a listener cannot replace them. */
  @Override
  public void params(Param<?>[] params) {
    throw new UnsupportedOperationException("The membership store's reads bind their own values");
  }

  @Override
  public int skipUpdateCounts() {
    return 0;
  }

  @Override
  public void skipUpdateCounts(int skip) {
    throw new UnsupportedOperationException("A read has no update counts");
  }

  @Override
  public String[] batchSQL() {
    return new String[0];
  }

  /** The read runs on the connection it was given; a listener cannot move it elsewhere. */
  @Override
  public void connectionProvider(ConnectionProvider provider) {
    throw new UnsupportedOperationException("The membership store's reads run on the transaction's connection");
  }

  @Override
  public @Nullable PreparedStatement statement() {
    return statement;
  }

  @Override
  public void statement(PreparedStatement statement) {
    this.statement = statement;
  }

  @Override
  public int statementExecutionCount() {
    return executions;
  }

  @Override
  public @Nullable ResultSet resultSet() {
    return resultSet;
  }

  @Override
  public void resultSet(ResultSet resultSet) {
    this.resultSet = resultSet;
  }

  @Override
  public int recordLevel() {
    return -1;
  }

  @Override
  public @Nullable Record record() {
    return null;
  }

  @Override
  public void record(Record record) {
    throw new UnsupportedOperationException("The membership store's reads make no records");
  }

  @Override
  public int rows() {
    return -1;
  }

  @Override
  public long rowsLarge() {
    return -1;
  }

  @Override
  public void rows(int rows) {
    // A read reports no update count.
  }

  @Override
  public void rowsLarge(long rows) {
    // A read reports no update count.
  }

  @Override
  public int[] batchRows() {
    return new int[0];
  }

  @Override
  public long[] batchRowsLarge() {
    return new long[0];
  }

  @Override
  public int resultLevel() {
    return -1;
  }

  @Override
  public @Nullable Result<?> result() {
    return null;
  }

  @Override
  public void result(Result<?> result) {
    throw new UnsupportedOperationException("The membership store's reads make no jOOQ result");
  }

  @Override
  public @Nullable RuntimeException exception() {
    return exception;
  }

  @Override
  public void exception(RuntimeException e) {
    this.exception = e;
  }

  @Override
  public @Nullable SQLException sqlException() {
    return sqlException;
  }

  @Override
  public void sqlException(SQLException e) {
    this.sqlException = e;
  }

  @Override
  public @Nullable SQLWarning sqlWarning() {
    return sqlWarning;
  }

  @Override
  public void sqlWarning(SQLWarning warning) {
    this.sqlWarning = warning;
  }

  @Override
  public String[] serverOutput() {
    return serverOutput;
  }

  @Override
  public void serverOutput(String[] output) {
    this.serverOutput = output;
  }
}
