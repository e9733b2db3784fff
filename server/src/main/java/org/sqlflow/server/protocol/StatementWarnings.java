package org.sqlflow.server.protocol;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;

/**
 * Answers {@code SQLFLOW WARNINGS FOR STATEMENT <id>}: the backing statement's {@code
 * getWarnings()} chain, as the database's driver gives it, one row per warning ({@code SQLSTATE,
 * VENDOR_CODE, MESSAGE}). Avatica's protocol has no field for warnings.
 */
final class StatementWarnings {
  private StatementWarnings() {}

  static Meta.ExecuteResult of(Meta.StatementHandle h, String sql, Statement backing)
      throws SQLException {
    List<Object> rows = new ArrayList<>();
    for (SQLWarning w = backing.getWarnings(); w != null; w = w.getNextWarning()) {
      rows.add(new Object[] {w.getSQLState(), w.getErrorCode(), w.getMessage()});
    }
    return new Meta.ExecuteResult(
        List.of(
            Meta.MetaResultSet.create(
                h.connectionId,
                h.id,
                false,
                ResultShapes.warnings(sql),
                new Meta.Frame(0, true, rows))));
  }
}
