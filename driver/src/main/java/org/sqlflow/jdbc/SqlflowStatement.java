package org.sqlflow.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** A statement whose {@code cancel()} and query timeout stop the work on the server. */
public class SqlflowStatement extends AvaticaStatement {
  private final ServerCancel serverCancel = new ServerCancel(this, super::cancel);

  public SqlflowStatement(AvaticaConnection connection, Meta.StatementHandle h,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  protected void executeInternal(String sql) throws SQLException {
    synchronized (this) {
      serverCancel.startRun();
      cancelFlag.set(false);
    }
    super.executeInternal(sql);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return BatchFailure.run(super::executeLargeBatch);
  }

  @Override
  public void cancel() throws SQLException {
    serverCancel.cancel();
  }

  @Override
  protected void close_() {
    serverCancel.stopTimeout();
    super.close_();
  }
}
