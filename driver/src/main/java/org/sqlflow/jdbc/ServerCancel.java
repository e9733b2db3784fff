package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * Stops a statement's work on the server, for {@code cancel()} and query timeouts.
 *
 * <p>Avatica's protocol has no cancel request and its client only flags the statement locally,
 * so this sends {@code KILL JOB FOR STATEMENT <id>} on a side statement of the same connection:
 * the server stops the statement's job (killing its process tree) or cancels the backing
 * database's statement.
 */
final class ServerCancel {
  private static final ScheduledExecutorService TIMEOUTS =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sqlflow-query-timeout");
        thread.setDaemon(true);
        return thread;
      });

  private final AvaticaConnection connection;
  private ScheduledFuture<?> timeout;

  ServerCancel(AvaticaConnection connection) {
    this.connection = connection;
  }

  /** Sends the kill for {@code statementId}; {@code timedOut} tells the server why. */
  void kill(int statementId, boolean timedOut) throws SQLException {
    if (connection.isClosed()) {
      return;
    }
    try (Statement side = connection.createStatement()) {
      side.execute("KILL JOB FOR STATEMENT " + statementId + (timedOut ? " TIMEOUT" : ""));
    }
  }

  /**
   * Runs {@code onTimeout} after {@code seconds} (none when 0): the timeout covers the
   * statement's whole run, its streamed rows included.
   */
  synchronized void startTimeout(int seconds, Runnable onTimeout) {
    stopTimeout();
    if (seconds > 0) {
      timeout = TIMEOUTS.schedule(onTimeout, seconds, TimeUnit.SECONDS);
    }
  }

  synchronized void stopTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
