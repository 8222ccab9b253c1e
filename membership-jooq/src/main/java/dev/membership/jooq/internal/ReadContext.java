package dev.membership.jooq.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.ExecuteType;
import org.jooq.Field;
import org.jooq.Query;
import org.jspecify.annotations.Nullable;

/**
 * What the execute listeners of a configuration see of a read run by {@link JdbcReads}: one {@link
 * ExecuteType#READ} statement, its text with {@code ?} ({@link #sql}), its bind values as jOOQ
 * parameters ({@link #params}), the connection, the statement and the result set; no jOOQ {@link
 * Query} ({@code null}, as for jOOQ's plain JDBC) and no records (the rows are read by position). What
 * it shares with kept writes is in {@link JdbcExecuteContext}.
 */
final class ReadContext extends JdbcExecuteContext {
  private @Nullable ResultSet resultSet;

  ReadContext(Configuration configuration, String sql, @Nullable Object[] values, Field<?>[] columns) {
    super(configuration, "reads", sql, values, columns);
  }

  /** Closes the result set and the statement, quietly, as jOOQ does. */
  @Override
  void close() {
    try {
      if (resultSet != null) {
        resultSet.close();
      }
    } catch (SQLException e) {
      // The statement's close closes it too.
    }
    super.close();
  }

  @Override
  public ExecuteType type() {
    return ExecuteType.READ;
  }

  @Override
  public BatchMode batchMode() {
    return BatchMode.NONE;
  }

  @Override
  public void skipUpdateCounts(int skip) {
    throw new UnsupportedOperationException("A read has no update counts");
  }

  @Override
  public String[] batchSQL() {
    return new String[0];
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
  public int rows() {
    return -1;
  }

  @Override
  public int[] batchRows() {
    return new int[0];
  }

}
