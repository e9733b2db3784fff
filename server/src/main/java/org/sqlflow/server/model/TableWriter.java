package org.sqlflow.server.model;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.LocalInfile;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.error.SqlflowException;

/**
 * Writes a result table (predictions, evaluation metrics, feature importances, optimized values)
 * into a temporary table that replaces the target only once complete, pulling rows from a {@link
 * RowSource} so that the table never sits whole in memory. On MySQL the rows go in with {@code LOAD
 * DATA LOCAL} from a stream the server renders, a few megabytes per statement ({@link
 * LoadDataRows}, {@link LocalInfile}); elsewhere, and for byte columns, in JDBC batches.
 */
public final class TableWriter {

  /** Supplies rows one at a time; null after the last. */
  @FunctionalInterface
  public interface RowSource {
    Object[] next() throws IOException;
  }

  /** How many bytes of rendered rows go into one LOAD DATA statement. */
  static final int LOAD_CHUNK_BYTES = 4 << 20;

  private final int batchSize;
  private final boolean bulkLoad;
  private final int loadChunkBytes;

  /**
   * @param batchSize rows per JDBC batch when inserting
   * @param bulkLoad whether to use LOAD DATA LOCAL where the database allows it (false: batches
   *     only, as the benchmark's baseline)
   */
  public TableWriter(int batchSize, boolean bulkLoad) {
    this(batchSize, bulkLoad, LOAD_CHUNK_BYTES);
  }

  TableWriter(int batchSize, boolean bulkLoad, int loadChunkBytes) {
    if (batchSize <= 0 || loadChunkBytes <= 0) {
      throw new IllegalArgumentException("batchSize and loadChunkBytes must be positive");
    }
    this.batchSize = batchSize;
    this.bulkLoad = bulkLoad;
    this.loadChunkBytes = loadChunkBytes;
  }

  public TableWriter(int batchSize) {
    this(batchSize, true);
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
    boolean bulk = bulkLoad && dialect == SqlDialect.MYSQL && LoadDataRows.canRender(columns);
    try (Connection connection = bulk ? db.openForBulkLoad() : db.open()) {
      connection.setAutoCommit(true);
      TableReplacer.ensureSchema(connection, dialect, target);
      TableReplacer.execute(connection, createTable(dialect, temporary, columns));
      try {
        long count =
            bulk && LocalInfile.isUsable(connection)
                ? loadData(connection, dialect, temporary, columns, rows, cancellation)
                : insert(connection, dialect, temporary, columns, rows, cancellation);
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

  /**
   * LOAD DATA LOCAL, one statement per {@code loadChunkBytes} of rendered rows; each commits into
   * the temporary table, and cancellation is checked between them.
   */
  private long loadData(
      Connection connection,
      SqlDialect dialect,
      String table,
      List<TableColumn> columns,
      RowSource rows,
      CancellationCheck cancellation)
      throws SqlflowException, SQLException, IOException, JobCancelledException {
    StringBuilder sql =
        new StringBuilder("LOAD DATA LOCAL INFILE 'sqlflow-result' INTO TABLE ")
            .append(dialect.quoteQualified(table))
            .append(" CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'")
            .append(" LINES TERMINATED BY '\\n' (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i > 0 ? ", " : "").append(dialect.quote(columns.get(i).name()));
    }
    String load = sql.append(')').toString();
    LoadDataRows chunk = new LoadDataRows(columns, loadChunkBytes + (64 << 10));
    long count = 0;
    Object[] row;
    while ((row = rows.next()) != null) {
      chunk.append(row);
      count++;
      if (chunk.bytes() >= loadChunkBytes) {
        loadChunk(connection, load, chunk);
        cancellation.check();
      }
    }
    if (chunk.rows() > 0) {
      loadChunk(connection, load, chunk);
    }
    return count;
  }

  private static void loadChunk(Connection connection, String load, LoadDataRows chunk)
      throws SQLException {
    long loaded = LocalInfile.load(connection, load, chunk.stream());
    if (loaded != chunk.rows()) {
      throw new SQLException(
          "the database loaded " + loaded + " of " + chunk.rows() + " rows", "22000");
    }
    chunk.clear();
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
