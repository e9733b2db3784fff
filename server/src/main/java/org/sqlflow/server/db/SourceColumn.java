package org.sqlflow.server.db;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlflow.server.contract.FeedType;

/**
 * One column of a SELECT as the backing database describes it: enough to feed it to Python and to
 * recreate it in a result table.
 */
public record SourceColumn(String name, int jdbcType, String typeName, int precision, int scale) {

  public SourceColumn {
    requireNonNull(name, "name");
    requireNonNull(typeName, "typeName");
  }

  public FeedType feedType() {
    return FeedType.forJdbcType(jdbcType);
  }

  /** The columns of a result set, in SELECT order, named by their labels. */
  public static List<SourceColumn> of(ResultSetMetaData meta) throws SQLException {
    List<SourceColumn> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(
          new SourceColumn(
              meta.getColumnLabel(i),
              meta.getColumnType(i),
              String.valueOf(meta.getColumnTypeName(i)),
              meta.getPrecision(i),
              meta.getScale(i)));
    }
    return List.copyOf(columns);
  }
}
