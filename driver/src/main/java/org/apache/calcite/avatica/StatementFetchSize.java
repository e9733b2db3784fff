package org.apache.calcite.avatica;

import java.sql.SQLException;

/**
 * The fetch size of the statement behind a handle, as {@code Statement.setFetchSize} set it.
 * Lives in Avatica's package because looking a statement up by its handle is package access.
 */
public final class StatementFetchSize {
  private StatementFetchSize() {}

  public static int of(AvaticaConnection connection, Meta.StatementHandle handle) {
    int fetchSize;
    try {
      fetchSize = connection.lookupStatement(handle).getFetchSize();
    } catch (SQLException e) {
      fetchSize = 0;
    }
    // 0 means "the driver's choice" in JDBC, but zero rows per frame to Avatica's server.
    return fetchSize > 0 ? fetchSize : connection.config().fetchSize();
  }
}
