package org.sqlflow.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * {@code getMoreResults()} over Avatica's protocol, which answers an execute with its first result
 * only: {@code SQLFLOW MORE RESULTS FOR STATEMENT <id>} moves the backing statement to its next
 * result and answers with it, a result set as it is or an update count as one row of {@code
 * SQLFLOW_UPDATE_COUNT} (-1: no more results).
 */
final class ServerMoreResults {
  private static final String UPDATE_COUNT = "SQLFLOW_UPDATE_COUNT";

  private ServerMoreResults() {}

  /**
   * The next result: a result set, or null with {@code count[0]} set to the update count. {@code
   * open}, the current result set, is closed unless {@code current} keeps it.
   */
  static AvaticaResultSet next(
      AvaticaStatement statement, ResultSet open, int current, long[] count) throws SQLException {
    if (open != null && current != Statement.KEEP_CURRENT_RESULT) {
      open.close();
    }
    Statement reader = statement.getConnection().createStatement();
    try {
      ResultSet rows =
          reader.executeQuery("SQLFLOW MORE RESULTS FOR STATEMENT " + statement.handle.id);
      if (rows.getMetaData().getColumnCount() == 1
          && UPDATE_COUNT.equals(rows.getMetaData().getColumnLabel(1))) {
        count[0] = rows.next() ? rows.getLong(1) : -1;
        reader.close();
        return null;
      }
      reader.closeOnCompletion();
      return (AvaticaResultSet) rows;
    } catch (SQLException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }
}
