package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own connections to the registry's database, a few kept open: the log writer, the
 * poller and readers of SHOW JOB LOG each borrow one per round trip. A connection that failed is
 * closed rather than returned, so a restarted database costs one failed round.
 */
final class RegistryConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryConnections.class);
  private static final int KEPT_OPEN = 4;

  /** Opens a new connection as the server's account. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  /** Work on a borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Opener opener;

  // Guarded by this.
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  RegistryConnections(Opener opener) {
    this.opener = requireNonNull(opener, "opener");
  }

  <T> T with(Work<T> work) throws SQLException {
    Connection connection;
    synchronized (this) {
      if (closed) {
        throw new SQLException("the job registry is closed");
      }
      connection = idle.poll();
    }
    if (connection == null) {
      connection = opener.open();
    }
    boolean healthy = false;
    try {
      T result = work.run(connection);
      healthy = true;
      return result;
    } finally {
      release(connection, healthy);
    }
  }

  private void release(Connection connection, boolean healthy) {
    synchronized (this) {
      if (healthy && !closed && idle.size() < KEPT_OPEN) {
        idle.push(connection);
        return;
      }
    }
    closeQuietly(connection);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      idle.forEach(RegistryConnections::closeQuietly);
      idle.clear();
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing a registry connection failed", e);
    }
  }
}
