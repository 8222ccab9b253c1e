package dev.membership.jooq.internal;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** Recognises the SQL errors the store turns into domain errors, on H2, PostgreSQL and MariaDB/MySQL. */
public final class SqlErrors {
  private static final int MYSQL_DUPLICATE_KEY = 1062;
  private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
  private static final int MYSQL_DEADLOCK = 1213;
  private static final int H2_DEADLOCK = 40001;
  private static final int H2_LOCK_TIMEOUT = 50200;
  private static final int H2_CONCURRENT_UPDATE = 90131;

  private SqlErrors() {}

  /** The first {@link SQLException} among the causes of {@code error}. */
  static Optional<SQLException> sqlException(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** What a unique key refused: a duplicate primary key (the same id twice) or another unique key. */
  enum UniqueViolation { PRIMARY_KEY, UNIQUE_KEY }

  static Optional<UniqueViolation> uniqueViolation(Throwable error) {
    return sqlException(error).filter(SqlErrors::isUniqueViolation).map(e -> {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      boolean primary = message.contains("primary key on") // H2
          || message.matches("(?s).*_pk\\W.*") // PostgreSQL names the constraint
          || message.contains(".primary'") || message.contains("'primary'"); // MariaDB/MySQL
      return primary ? UniqueViolation.PRIMARY_KEY : UniqueViolation.UNIQUE_KEY;
    });
  }

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState()) || s.getErrorCode() == MYSQL_DUPLICATE_KEY) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the database gave up on the transaction because of a concurrent one: a serialization
   * failure, a deadlock, or a lock wait that timed out.
   */
  public static boolean isConcurrencyFailure(Throwable error) {
    Optional<SQLException> found = sqlException(error);
    if (found.isEmpty()) {
      return false;
    }
    for (SQLException s = found.get(); s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      int code = s.getErrorCode();
      if ("40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)
          || code == MYSQL_DEADLOCK || code == MYSQL_LOCK_WAIT_TIMEOUT
          || code == H2_DEADLOCK || code == H2_LOCK_TIMEOUT || code == H2_CONCURRENT_UPDATE) {
        return true;
      }
    }
    return false;
  }
}
