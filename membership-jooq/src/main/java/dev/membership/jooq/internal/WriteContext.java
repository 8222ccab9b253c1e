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
 * What the execute listeners of a configuration see of kept writes run by {@link JdbcWrites}: one
 * statement, its text with {@code ?} ({@link #sql}: the kept writes' texts joined by {@code ;} when
 * several), each kept write's text ({@link #batchSQL}), its bind values as jOOQ parameters ({@link
 * #params}), the connection, the statement and, once run, the row counts ({@link #batchRows}). Several
 * kept writes are an {@link ExecuteType#BATCH} of {@link BatchMode#MULTIPLE}, one is an {@link
 * ExecuteType#WRITE}; no jOOQ {@link Query} is made ({@code null}, as for jOOQ's plain JDBC).
 */
final class WriteContext implements ExecuteContext, ConverterContext {
  private final Configuration configuration;
  private final Instant creationTime = Instant.now();
  private final Map<Object, Object> data = new HashMap<>();
  private final @Nullable Object[] values;
  private final Field<?>[] columns;
  private final String[] parts;
  private int[] counts = new int[0];
  private String sql;
  private @Nullable Connection connection;
  private @Nullable PreparedStatement statement;
  private @Nullable RuntimeException exception;
  private @Nullable SQLException sqlException;
  private @Nullable SQLWarning sqlWarning;
  private String[] serverOutput = new String[0];
  private int executions;

  WriteContext(Configuration configuration, String sql, String[] parts, @Nullable Object[] values, Field<?>[] columns) {
    this.configuration = configuration;
    this.sql = sql;
    this.parts = parts;
    this.values = values;
    this.columns = columns;
  }

  @Nullable Object[] values() {
    return values;
  }

  Field<?>[] columns() {
    return columns;
  }

  void connection(Connection connection) {
    this.connection = connection;
  }

  /** The statement ran, each kept write changing {@code counts} rows, in order. */
  void executed(int[] counts) {
    executions++;
    this.counts = counts.clone();
  }

  /** Closes the statement, quietly, as jOOQ does. */
  void close() {
    try {
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      // Nothing written depends on it; the connection's release or the pool cleans up.
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
    return parts.length > 1 ? ExecuteType.BATCH : ExecuteType.WRITE;
  }

  @Override
  public @Nullable Query query() {
    return null;
  }

  @Override
  public BatchMode batchMode() {
    return parts.length > 1 ? BatchMode.MULTIPLE : BatchMode.NONE;
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
  private static <T> Param<T> param(@Nullable Object databaseValue, Field<T> column) {
    T value = databaseValue == null ? null : ((org.jooq.Converter<Object, T>) column.getConverter()).from(databaseValue);
    return DSL.val(value, column);
  }

  /** The values are bound as the store's columns need; a listener cannot replace them. */
  @Override
  public void params(Param<?>[] params) {
    throw new UnsupportedOperationException("The membership store's kept writes bind their own values");
  }

  @Override
  public int skipUpdateCounts() {
    return 0;
  }

  @Override
  public void skipUpdateCounts(int skip) {
    throw new UnsupportedOperationException("The membership store reads every count of its kept writes");
  }

  /** Each kept write's text, in the order they run (one for a single write). */
  @Override
  public String[] batchSQL() {
    return parts.clone();
  }

  /** The writes run on the transaction's connection; a listener cannot move them elsewhere. */
  @Override
  public void connectionProvider(ConnectionProvider provider) {
    throw new UnsupportedOperationException("The membership store's writes run on the transaction's connection");
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

  /** A kept write returns no rows. */
  @Override
  public @Nullable ResultSet resultSet() {
    return null;
  }

  @Override
  public void resultSet(ResultSet resultSet) {
    throw new UnsupportedOperationException("The membership store's kept writes return no rows");
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
    throw new UnsupportedOperationException("The membership store's kept writes make no records");
  }

  /** The rows the write changed (a single write), or -1 before it ran or for several. */
  @Override
  public int rows() {
    return counts.length == 1 ? counts[0] : -1;
  }

  @Override
  public long rowsLarge() {
    return rows();
  }

  @Override
  public void rows(int rows) {
    // The counts are the driver's, read after execution.
  }

  @Override
  public void rowsLarge(long rows) {
    // The counts are the driver's, read after execution.
  }

  /** Each kept write's row count, in order, once run ({@code SUCCESS_NO_INFO} where the driver told none). */
  @Override
  public int[] batchRows() {
    return counts.clone();
  }

  @Override
  public long[] batchRowsLarge() {
    return java.util.Arrays.stream(counts).asLongStream().toArray();
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
    throw new UnsupportedOperationException("The membership store's kept writes make no jOOQ result");
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
