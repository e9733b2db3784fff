package org.sqlflow.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * A result set whose {@code next()} reports a failure found while fetching (a training that
 * raised, a job that was cancelled) as an SQLException carrying the server's SQLState, where
 * Avatica's would let a RuntimeException escape.
 */
public class SqlflowResultSet extends AvaticaResultSet {

  public SqlflowResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData resultSetMetaData, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (RuntimeException e) {
      throw ServerErrors.unwrap(AvaticaConnection.HELPER.createException(messageOf(e), null, e),
          null);
    }
  }

  private static String messageOf(RuntimeException e) {
    if (e instanceof org.apache.calcite.avatica.remote.AvaticaRuntimeException) {
      return ((org.apache.calcite.avatica.remote.AvaticaRuntimeException) e).getErrorMessage();
    }
    if (e instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException) {
      return ((org.apache.calcite.avatica.AvaticaClientRuntimeException) e).getMessage();
    }
    return e.getMessage();
  }
}
