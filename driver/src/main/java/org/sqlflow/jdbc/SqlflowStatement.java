package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A statement whose {@code cancel()} and query timeout stop the work on the server.
 *
 * <p>Avatica's protocol has no cancel request, and its client only flags the statement locally.
 * This statement also sends {@code KILL JOB FOR STATEMENT <id>} on a side statement of the same
 * connection: the server stops the statement's job (killing its process tree) or cancels the
 * backing database's statement.
 */
public class SqlflowStatement extends AvaticaStatement {
  private static final ScheduledExecutorService TIMEOUTS =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sqlflow-query-timeout");
        thread.setDaemon(true);
        return thread;
      });

  private ScheduledFuture<?> timeout;

  public SqlflowStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  protected void executeInternal(String sql) throws SQLException {
    stopTimeout();
    cancelFlag.set(false);
    int seconds = getQueryTimeout();
    if (seconds > 0) {
      // The timeout covers the statement's whole run, its streamed rows included.
      timeout = TIMEOUTS.schedule(() -> cancelOnServer("query timeout"), seconds,
          TimeUnit.SECONDS);
    }
    super.executeInternal(sql);
  }

  @Override
  public void cancel() throws SQLException {
    stopTimeout();
    super.cancel();
    sendKill("cancelled by the client");
  }

  @Override
  protected void close_() {
    stopTimeout();
    super.close_();
  }

  private void cancelOnServer(String reason) {
    try {
      super.cancel();
      sendKill(reason);
    } catch (SQLException e) {
      // Best effort: the flag set by super.cancel() still stops the client side.
    }
  }

  private void sendKill(String reason) throws SQLException {
    if (connection.isClosed()) {
      return;
    }
    try (Statement side = connection.createStatement()) {
      side.execute("KILL JOB FOR STATEMENT " + handle.id
          + ("query timeout".equals(reason) ? " TIMEOUT" : ""));
    }
  }

  private synchronized void stopTimeout() {
    if (timeout != null) {
      timeout.cancel(false);
      timeout = null;
    }
  }
}
