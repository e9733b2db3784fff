package org.sqlflow.server.model;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.error.SqlflowException;

/**
 * Writes a result table (predictions, evaluation metrics, feature importances): rows are inserted
 * in batches into a temporary table that replaces the target only once complete.
 */
public final class TableWriter {

  /** Supplies rows one at a time; null after the last. */
  @FunctionalInterface
  public interface RowSource {
    Object[] next() throws IOException;
  }

  private final int batchSize;

  public TableWriter(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive");
    }
    this.batchSize = batchSize;
  }

  public TableWriter() {
    this(1000);
  }

  /** Writes all rows of {@code rows} as table {@code target}; returns how many. */
  public long write(
      ConnectionSource db,
      String target,
      List<TableColumn> columns,
      RowSource rows,
      CancellationCheck cancellation)
      throws SqlflowException, SQLException, IOException, JobCancelledException {
    requireNonNull(cancellation, "cancellation");
    SqlDialect dialect = db.dialect();
    String temporary = TableReplacer.temporaryName(target);
    try (Connection connection = db.open()) {
      connection.setAutoCommit(true);
      TableReplacer.ensureSchema(connection, dialect, target);
      TableReplacer.execute(connection, createTable(dialect, temporary, columns));
      try {
        long count = insert(connection, dialect, temporary, columns, rows, cancellation);
        TableReplacer.replace(connection, dialect, temporary, target);
        return count;
      } catch (SqlflowException
          | SQLException
          | IOException
          | JobCancelledException
          | RuntimeException e) {
        TableReplacer.dropQuietly(connection, dialect, temporary);
        throw e;
      }
    }
  }

  private static String createTable(SqlDialect dialect, String table, List<TableColumn> columns)
      throws SqlflowException {
    StringBuilder sql =
        new StringBuilder("CREATE TABLE ").append(dialect.quoteQualified(table)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(dialect.quote(columns.get(i).name())).append(' ').append(columns.get(i).sqlType());
    }
    if (columns.isEmpty()) {
      throw new SqlflowException(ErrorCode.INTERNAL, "a table needs at least one column");
    }
    return sql.append(')').toString();
  }

  private long insert(
      Connection connection,
      SqlDialect dialect,
      String table,
      List<TableColumn> columns,
      RowSource rows,
      CancellationCheck cancellation)
      throws SqlflowException, SQLException, IOException, JobCancelledException {
    StringBuilder sql =
        new StringBuilder("INSERT INTO ").append(dialect.quoteQualified(table)).append(" (");
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i > 0 ? ", " : "").append(dialect.quote(columns.get(i).name()));
      marks.append(i > 0 ? ", ?" : "?");
    }
    sql.append(") VALUES (").append(marks).append(')');
    long count = 0;
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
      Object[] row;
      int pending = 0;
      while ((row = rows.next()) != null) {
        bind(insert, columns, row);
        insert.addBatch();
        count++;
        if (++pending == batchSize) {
          insert.executeBatch();
          connection.commit();
          pending = 0;
          cancellation.check();
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
      connection.commit();
    } catch (SQLException | IOException | JobCancelledException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
    return count;
  }

  private static void bind(PreparedStatement insert, List<TableColumn> columns, Object[] row)
      throws SQLException {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException(
          "row has " + row.length + " values for " + columns.size() + " columns");
    }
    for (int i = 0; i < row.length; i++) {
      int index = i + 1;
      Object value = row[i];
      if (value == null) {
        insert.setNull(index, columns.get(i).jdbcType());
        continue;
      }
      switch (columns.get(i).kind()) {
        case LONG -> insert.setLong(index, ((Number) value).longValue());
        case DOUBLE -> insert.setDouble(index, ((Number) value).doubleValue());
        case BOOLEAN -> insert.setBoolean(index, (Boolean) value);
        case TEXT -> insert.setString(index, value.toString());
        case BYTES -> insert.setBytes(index, (byte[]) value);
      }
    }
  }
}
