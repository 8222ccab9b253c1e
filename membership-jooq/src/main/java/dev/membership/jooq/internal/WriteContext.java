package dev.membership.jooq.internal;

import java.sql.ResultSet;
import org.jooq.Configuration;
import org.jooq.ExecuteType;
import org.jooq.Field;
import org.jooq.Query;
import org.jspecify.annotations.Nullable;

/**
 * What the execute listeners of a configuration see of kept writes run by {@link JdbcWrites}: one
 * statement, its text with {@code ?} ({@link #sql}: the kept writes' texts joined by {@code ;} when
 * several), each kept write's text ({@link #batchSQL}), its bind values as jOOQ parameters ({@link
 * #params}), the connection, the statement and, once run, the row counts ({@link #batchRows}). Several
 * kept writes are an {@link ExecuteType#BATCH} of {@link BatchMode#MULTIPLE}, one is an {@link
 * ExecuteType#WRITE}; no jOOQ {@link Query} is made ({@code null}, as for jOOQ's plain JDBC). What it
 * shares with kept reads is in {@link JdbcExecuteContext}.
 */
final class WriteContext extends JdbcExecuteContext {
  private final String[] parts;
  private int[] counts = new int[0];

  WriteContext(Configuration configuration, String sql, String[] parts, @Nullable Object[] values, Field<?>[] columns) {
    super(configuration, "kept writes", sql, values, columns);
    this.parts = parts;
  }

  /** The statement ran, each kept write changing {@code counts} rows, in order. */
  void executed(int[] counts) {
    executed();
    this.counts = counts.clone();
  }

  @Override
  public ExecuteType type() {
    return parts.length > 1 ? ExecuteType.BATCH : ExecuteType.WRITE;
  }

  @Override
  public BatchMode batchMode() {
    return parts.length > 1 ? BatchMode.MULTIPLE : BatchMode.NONE;
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

  /** A kept write returns no rows. */
  @Override
  public @Nullable ResultSet resultSet() {
    return null;
  }

  @Override
  public void resultSet(ResultSet resultSet) {
    throw new UnsupportedOperationException("The membership store's kept writes return no rows");
  }

  /** The rows the write changed (a single write), or -1 before it ran or for several. */
  @Override
  public int rows() {
    return counts.length == 1 ? counts[0] : -1;
  }

  /** Each kept write's row count, in order, once run ({@code SUCCESS_NO_INFO} where the driver told none). */
  @Override
  public int[] batchRows() {
    return counts.clone();
  }

}
