package dev.membership.jooq.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * Hands out the data source's connections at {@code READ COMMITTED}, and puts back the level a
 * connection had when it is released.
 *
 * <p>Why: after a command locks the organisation row, its next reads must see what the transaction
 * that held the lock committed. MariaDB/MySQL default to {@code REPEATABLE READ}, whose reads keep
 * the snapshot of the transaction's first read, so two owners demoting each other would both still
 * see two owners. PostgreSQL and H2 default to {@code READ COMMITTED} already, so nothing changes
 * there. A pool configured for {@code READ COMMITTED} (HikariCP's {@code transactionIsolation})
 * saves the two extra round trips per transaction on MariaDB.
 */
public final class ReadCommittedConnections implements ConnectionProvider {
  private final DataSource dataSource;
  private final Map<Connection, Integer> changed = Collections.synchronizedMap(new IdentityHashMap<>());
  /**
   * A HikariCP pool configured for READ COMMITTED hands out every connection at that level (it sets
   * it on new connections and resets it on return): nothing to read or change, which saves PostgreSQL
   * a round trip per transaction.
   */
  private final boolean poolIsReadCommitted;

  public ReadCommittedConnections(DataSource dataSource) {
    this.dataSource = dataSource;
    this.poolIsReadCommitted = dataSource instanceof HikariDataSource pool
        && "TRANSACTION_READ_COMMITTED".equals(pool.getTransactionIsolation());
  }

  @Override
  public Connection acquire() {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new DataAccessException("Cannot get a connection from the data source", e);
    }
    if (poolIsReadCommitted) {
      return connection;
    }
    try {
      int level = connection.getTransactionIsolation();
      if (level != Connection.TRANSACTION_READ_COMMITTED) {
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        changed.put(connection, level);
      }
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new DataAccessException("Cannot set the connection to READ COMMITTED", e);
    }
  }

  @Override
  public void release(Connection connection) {
    Integer level = changed.remove(connection);
    try {
      if (level != null && !connection.isClosed()) {
        connection.setTransactionIsolation(level);
      }
    } catch (SQLException e) {
      // The pool resets or discards the connection; nothing of the transaction depends on it.
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new DataAccessException("Cannot return the connection to the data source", e);
      }
    }
  }

  private static void closeQuietly(Connection connection, Exception cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
