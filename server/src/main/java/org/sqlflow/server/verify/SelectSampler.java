package org.sqlflow.server.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * Runs a statement's SELECT with a row limit set through JDBC (so the SELECT text is never
 * rewritten and any dialect works) to learn its columns and a sample of its values.
 */
public final class SelectSampler {
  private final int maxRows;

  public SelectSampler(int maxRows) {
    if (maxRows <= 0) {
      throw new IllegalArgumentException("maxRows must be positive");
    }
    this.maxRows = maxRows;
  }

  public SelectSample sample(ConnectionSource db, String select, String what)
      throws SqlflowException {
    try (Connection connection = db.open();
        Statement statement = connection.createStatement()) {
      statement.setMaxRows(maxRows);
      statement.setFetchSize(Math.min(maxRows, 1000));
      try (ResultSet rows = statement.executeQuery(select)) {
        List<SourceColumn> columns = SourceColumn.of(rows.getMetaData());
        List<List<Object>> values = new ArrayList<>();
        while (rows.next() && values.size() < maxRows) {
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 0; i < columns.size(); i++) {
            row.add(read(rows, i + 1, columns.get(i).feedType()));
          }
          values.add(row);
        }
        return new SelectSample(columns, values);
      }
    } catch (SQLException e) {
      throw SqlflowException.fromDatabase(codeFor(e), what + " failed: " + e.getMessage(), e);
    }
  }

  private static Object read(ResultSet rows, int index, FeedType type) throws SQLException {
    if (type == FeedType.FLOAT64) {
      double value = rows.getDouble(index);
      return rows.wasNull() ? null : value;
    }
    return rows.getString(index);
  }

  /**
   * Our category for the database's error (the client still sees the database's own SQLState and
   * code): an unknown table or column is the user's to fix; anything else is the database's answer.
   */
  private static ErrorCode codeFor(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return switch (state) {
      case "42S02", "42102" -> ErrorCode.UNKNOWN_TABLE;
      case "42S22", "42122" -> ErrorCode.UNKNOWN_COLUMN;
      default -> ErrorCode.DATABASE_ERROR;
    };
  }
}
