package org.sqlflow.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** A statement whose {@code cancel()} and query timeout stop the work on the server. */
public class SqlflowStatement extends AvaticaStatement {
  private final ServerCancel serverCancel;

  public SqlflowStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    this.serverCancel = new ServerCancel(connection);
  }

  @Override
  protected void executeInternal(String sql) throws SQLException {
    cancelFlag.set(false);
    serverCancel.startTimeout(getQueryTimeout(), this::timeOut);
    super.executeInternal(sql);
  }

  @Override
  public void cancel() throws SQLException {
    serverCancel.stopTimeout();
    super.cancel();
    serverCancel.kill(handle.id, false);
  }

  @Override
  protected void close_() {
    serverCancel.stopTimeout();
    super.close_();
  }

  private void timeOut() {
    try {
      super.cancel();
      serverCancel.kill(handle.id, true);
    } catch (SQLException e) {
      // Best effort: the flag set by super.cancel() still stops the client side.
    }
  }
}
