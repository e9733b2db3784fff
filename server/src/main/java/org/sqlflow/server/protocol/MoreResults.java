package org.sqlflow.server.protocol;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.jdbc.StatementInfoAccess;

/**
 * Answers {@code SQLFLOW MORE RESULTS FOR STATEMENT <id>}: the backing statement's next result
 * ({@code getMoreResults()}), for a statement with several results (a CALL whose procedure returns
 * several result sets, several statements in one execute). Avatica's protocol answers an execute
 * with the first result only. A result set comes as it is; an update count, and -1 when there are
 * no more results, as one row of {@code SQLFLOW_UPDATE_COUNT} (Avatica's count answer cannot say
 * -1).
 */
final class MoreResults {
  private MoreResults() {}

  static Meta.ExecuteResult next(Meta.StatementHandle h, String sql, Statement backing)
      throws SQLException {
    if (backing.getMoreResults()) {
      return new Meta.ExecuteResult(
          List.of(
              StatementInfoAccess.wholeResultSet(h.connectionId, h.id, backing.getResultSet())));
    }
    Object countRow = new Object[] {backing.getLargeUpdateCount()};
    List<Object> row = List.of(countRow);
    return new Meta.ExecuteResult(
        List.of(
            Meta.MetaResultSet.create(
                h.connectionId,
                h.id,
                false,
                ResultShapes.updateCount(sql),
                new Meta.Frame(0, true, row))));
  }
}
