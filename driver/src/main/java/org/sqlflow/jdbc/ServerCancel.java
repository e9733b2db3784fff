package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaStatement;

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

  /** Avatica's own cancel: flags the statement so that the client side stops. */
  @FunctionalInterface
  interface LocalCancel {
    void run() throws SQLException;
  }

  private final AvaticaStatement statement;
  private final LocalCancel localCancel;
  private ScheduledFuture<?> timeout;

  ServerCancel(AvaticaStatement statement, LocalCancel localCancel) {
    this.statement = statement;
    this.localCancel = localCancel;
  }

  /** {@code Statement.cancel()}: stops the client side, then the server side. */
  void cancel() throws SQLException {
    stopTimeout();
    localCancel.run();
    kill(false);
  }

  /**
   * Cancels after the statement's query timeout, if it has one: the timeout covers the
   * statement's whole run, its streamed rows included.
   */
  synchronized void startTimeout() throws SQLException {
    stopTimeout();
    int seconds = statement.getQueryTimeout();
    if (seconds > 0) {
      timeout = TIMEOUTS.schedule(this::timeOut, seconds, TimeUnit.SECONDS);
    }
  }

  synchronized void stopTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  private void timeOut() {
    try {
      localCancel.run();
      kill(true);
    } catch (SQLException e) {
      // Best effort: the local flag still stops the client side.
    }
  }

  private void kill(boolean timedOut) throws SQLException {
    if (statement.connection.isClosed()) {
      return;
    }
    try (Statement side = statement.connection.createStatement()) {
      side.execute("KILL JOB FOR STATEMENT " + statement.handle.id
          + (timedOut ? " TIMEOUT" : ""));
    }
  }
}
