package org.sqlflow.server.protocol;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.jdbc.StatementInfoAccess;

/**
 * Generated keys, which Avatica's protocol cannot ask for: {@code SQLFLOW RETURNING KEYS
 * <statement>} runs or prepares the client's statement on its backing statement with {@code
 * RETURN_GENERATED_KEYS}, and {@code SQLFLOW GENERATED KEYS FOR STATEMENT <id>} answers that
 * backing statement's {@code getGeneratedKeys()}, as the database's driver gives it.
 */
final class GeneratedKeysRequests {
  private GeneratedKeysRequests() {}

  /** The backing prepared statement that replaces the one JdbcMeta prepared without keys. */
  static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    return connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  static Meta.ExecuteResult execute(Meta.StatementHandle h, Statement backing, String sql)
      throws SQLException {
    if (backing.execute(sql, Statement.RETURN_GENERATED_KEYS)) {
      return new Meta.ExecuteResult(
          List.of(
              StatementInfoAccess.wholeResultSet(h.connectionId, h.id, backing.getResultSet())));
    }
    return new Meta.ExecuteResult(
        List.of(Meta.MetaResultSet.count(h.connectionId, h.id, backing.getLargeUpdateCount())));
  }

  static Meta.ExecuteResult keys(Meta.StatementHandle h, Statement keysOf) throws SQLException {
    return new Meta.ExecuteResult(
        List.of(
            StatementInfoAccess.wholeResultSet(h.connectionId, h.id, keysOf.getGeneratedKeys())));
  }
}
