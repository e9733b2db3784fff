package org.apache.calcite.avatica.jdbc;

import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.calcite.avatica.Meta;

/**
 * What the protocol layer uses of JdbcMeta's package that is package-private there: the backing
 * statement of a cache entry, and the conversion of a database result set into a response.
 */
public final class StatementInfoAccess {
  private StatementInfoAccess() {}

  public static Statement statementOf(StatementInfo info) {
    return info.statement;
  }

  /** All of {@code resultSet} in one frame, as JdbcMeta answers its own metadata calls. */
  public static Meta.MetaResultSet wholeResultSet(
      String connectionId, int statementId, ResultSet resultSet) {
    return JdbcResultSet.create(connectionId, statementId, resultSet);
  }
}
