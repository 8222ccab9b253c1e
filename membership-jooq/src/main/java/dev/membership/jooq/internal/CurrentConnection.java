package dev.membership.jooq.internal;

import java.sql.Connection;
import java.util.function.Supplier;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * The connection of the read in progress on the calling thread ({@link #with}), so that the store's
 * read configuration is derived once per store rather than once per read: a read runs on the thread
 * that called it, start to end.
 */
public final class CurrentConnection implements ConnectionProvider {
  private final ThreadLocal<@Nullable Connection> current = new ThreadLocal<>();

  /** Runs {@code work} with {@code connection} as this thread's; a read inside a read gets its own back after. */
  public <T> T with(Connection connection, Supplier<T> work) {
    Connection before = current.get();
    current.set(connection);
    try {
      return work.get();
    } finally {
      current.set(before);
    }
  }

  @Override
  public Connection acquire() {
    Connection connection = current.get();
    if (connection == null) {
      throw new DataAccessException("No read of the membership store is in progress on this thread");
    }
    return connection;
  }

  @Override
  public void release(Connection connection) {
    // The read that set it releases it.
  }
}
