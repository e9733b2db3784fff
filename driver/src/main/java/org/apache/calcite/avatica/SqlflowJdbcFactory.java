package org.apache.calcite.avatica;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.sqlflow.jdbc.ForwardedMetaData;
import org.sqlflow.jdbc.SqlflowConnection;
import org.sqlflow.jdbc.SqlflowPreparedStatement;
import org.sqlflow.jdbc.SqlflowResultSet;
import org.sqlflow.jdbc.SqlflowStatement;

/**
 * Avatica's JDBC 4.1 factory with SQLFlow's statements (cancel and query timeout reach the server)
 * and result set (fetch errors surface as SQLExceptions). Lives in Avatica's package because the
 * factory it extends is package-private.
 */
public class SqlflowJdbcFactory extends AvaticaJdbc41Factory {

  public SqlflowJdbcFactory() {
    super();
  }

  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    return new SqlflowConnection(driver, factory, url, info);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    return ForwardedMetaData.create(new SqlflowDatabaseMetaData(connection), connection);
  }

  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    return new SqlflowStatement(
        connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    return new SqlflowPreparedStatement(
        connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaResultSet newResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    // Metadata as the database typed the columns; the cursor reads them as they travel.
    ResultSetMetaData metaData = newResultSetMetaData(statement, signature);
    return new SqlflowResultSet(
        statement, state, CursorColumns.forCursor(signature), metaData, timeZone, firstFrame);
  }
}
