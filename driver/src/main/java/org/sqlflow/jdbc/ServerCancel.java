package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.remote.SqlflowRemoteMetaFactory;

/**
 * Stops a statement's work on the server, for {@code cancel()} and query timeouts.
 *
 * <p>Avatica's protocol has no cancel request and its client only flags the statement locally, so
 * this also sends {@code KILL JOB FOR STATEMENT <id>}: the server stops the statement's job
 * (killing its process tree) or cancels the backing database's statement.
 */
final class ServerCancel {
  private static final ScheduledExecutorService TIMEOUTS =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sqlflow-query-timeout"));

  /** Avatica's own cancel: flags the statement so that the client side stops. */
  @FunctionalInterface
  interface LocalCancel {
    void run() throws SQLException;
  }

  private final AvaticaStatement statement;
  private final LocalCancel localCancel;
  private ScheduledFuture<?> timeout;

  /** Counts the statement's executions, so a timeout stops only the one it was set for. */
  private long run;

  ServerCancel(AvaticaStatement statement, LocalCancel localCancel) {
    this.statement = statement;
    this.localCancel = localCancel;
  }

  /**
   * {@code Statement.cancel()}: stops the server side, then the client side. In that order because
   * Avatica's cancel waits for the statement's lock, which a running execute holds until the server
   * stops its query.
   */
  void cancel() throws SQLException {
    stopTimeout();
    kill(false);
    localCancel.run();
  }

  /**
   * Marks the start of an execution and cancels it after the statement's query timeout, if it has
   * one: the timeout covers the statement's whole run, its streamed rows included. Called holding
   * the statement's lock, as its cancel is.
   */
  synchronized void startRun() throws SQLException {
    stopTimeout();
    long thisRun = ++run;
    int seconds = statement.getQueryTimeout();
    if (seconds > 0) {
      timeout = TIMEOUTS.schedule(() -> timeOut(thisRun), seconds, TimeUnit.SECONDS);
    }
  }

  private synchronized boolean isRunning(long thisRun) {
    return run == thisRun;
  }

  synchronized void stopTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }

  private void timeOut(long thisRun) {
    try {
      if (!isRunning(thisRun)) {
        return;
      }
      kill(true);
      // Avatica's cancel takes the statement's lock; holding it here too means a new execution
      // cannot start between the check and the cancel.
      synchronized (statement) {
        if (isRunning(thisRun)) {
          localCancel.run();
        }
      }
    } catch (SQLException e) {
      // Best effort: the local flag still stops the client side.
    }
  }

  private void kill(boolean timedOut) throws SQLException {
    if (statement.connection.isClosed()) {
      return;
    }
    try {
      SqlflowRemoteMetaFactory.killStatement(statement.connection, statement.handle, timedOut);
    } catch (RuntimeException e) {
      throw AvaticaConnection.HELPER.createException("cancel failed: " + e.getMessage(), null, e);
    }
  }
}
