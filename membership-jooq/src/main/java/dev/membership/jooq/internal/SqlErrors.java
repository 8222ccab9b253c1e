package dev.membership.jooq.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
      // Only the constraint's name decides: the rest of the message quotes the refused values, which
      // are the users' (a role named "primary key on ops_pk" must not read as a duplicate id).
      String name = constraintName(String.valueOf(e.getMessage())).toLowerCase(Locale.ROOT);
      boolean primary = name.contains("primary_key") || name.endsWith("_pk") || name.equals("primary")
          || name.endsWith(".primary");
      return primary ? UniqueViolation.PRIMARY_KEY : UniqueViolation.UNIQUE_KEY;
    });
  }

  private static final Pattern POSTGRES_CONSTRAINT = Pattern.compile("unique constraint \"([^\"]+)\"");
  private static final Pattern MYSQL_KEY = Pattern.compile("for key '([^']+)'\\s*$");
  private static final Pattern H2_INDEX = Pattern.compile("violation: \"([^\"\\s]+)[ \"]");

  /** The violated constraint's (or unique index's) name as the database reports it; empty if none. */
  static String constraintName(String message) {
    String firstLine = message.lines().findFirst().orElse("");
    for (Matcher m : List.of(POSTGRES_CONSTRAINT.matcher(firstLine), H2_INDEX.matcher(firstLine),
        MYSQL_KEY.matcher(message.strip()))) {
      if (m.find()) {
        return m.group(1);
      }
    }
    return "";
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
