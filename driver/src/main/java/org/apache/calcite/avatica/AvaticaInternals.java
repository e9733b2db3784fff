package org.apache.calcite.avatica;

import java.sql.SQLException;
import java.util.Map;

/**
 * What the SQLFlow driver reads of Avatica's client that only Avatica's own package may read: a
 * statement by its handle, a prepared statement's signature, and the connection's {@code Meta}.
 */
public final class AvaticaInternals {
  private AvaticaInternals() {}

  /** The fetch size {@code Statement.setFetchSize} set on the statement behind a handle. */
  public static int fetchSize(AvaticaConnection connection, Meta.StatementHandle handle) {
    int fetchSize;
    try {
      fetchSize = connection.lookupStatement(handle).getFetchSize();
    } catch (SQLException e) {
      fetchSize = 0;
    }
    // 0 means "the driver's choice" in JDBC, but zero rows per frame to Avatica's server.
    return fetchSize > 0 ? fetchSize : connection.config().fetchSize();
  }

  /**
   * The signature the prepare of the statement behind {@code handle} announced, or null when it is
   * not a prepared statement of {@code connection}.
   */
  public static Meta.Signature preparedSignature(
      AvaticaConnection connection, Meta.StatementHandle handle) {
    AvaticaStatement statement = connection.statementMap.get(handle.id);
    return statement instanceof AvaticaPreparedStatement ? statement.getSignature() : null;
  }

  /** The connection's {@code Meta}, which fetches frames. */
  public static Meta meta(AvaticaConnection connection) {
    return connection.meta;
  }

  /**
   * The server's database properties (the backing database's product name among them), through the
   * connection's Meta, which asks the server once and keeps the answer.
   */
  public static Map<Meta.DatabaseProperty, Object> databaseProperties(
      AvaticaConnection connection) {
    return connection.meta.getDatabaseProperties(connection.handle);
  }
}
