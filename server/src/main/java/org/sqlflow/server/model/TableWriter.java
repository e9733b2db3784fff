package org.sqlflow.server.model;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            .append(" LINES TERMINATED BY '\\n' (")
            .append(quotedNames(dialect, columns));
    String load = sql.append(')').toString();
    LoadDataRows filling = new LoadDataRows(columns, loadChunkBytes + (64 << 10));
    LoadDataRows spare = new LoadDataRows(columns, loadChunkBytes + (64 << 10));
    long count = 0;
    try (OverlappedLoads loads = new OverlappedLoads(connection, load)) {
      Object[] row;
      while ((row = rows.next()) != null) {
        filling.append(row);
        count++;
        if (filling.bytes() >= loadChunkBytes) {
          loads.submit(filling); // waits for the spare's load, which then is empty again
          LoadDataRows full = filling;
          filling = spare;
          spare = full;
          cancellation.check();
        }
      }
      if (filling.rows() > 0) {
        loads.submit(filling);
      }
      loads.awaitPending();
    }
    return count;
  }

  /**
   * Runs each chunk's LOAD DATA on a thread of its own while the caller reads and renders the next
   * chunk: rendering (Java) and inserting (the database) are both CPU work and can run side by side
   * on two cores instead of one after the other. At most one load is in flight, and the connection
   * is used by one thread at a time: closing waits for the load in flight, so the caller can drop
   * the temporary table on the same connection afterwards.
   */
  private static final class OverlappedLoads implements AutoCloseable {
    private final Connection connection;
    private final String load;
    private final ExecutorService thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread loader = new Thread(task, "sqlflow-table-load");
              loader.setDaemon(true);
              return loader;
            });
    private Future<Void> pending;

    OverlappedLoads(Connection connection, String load) {
      this.connection = connection;
      this.load = load;
    }

    void submit(LoadDataRows chunk) throws SQLException {
      awaitPending();
      pending =
          thread.submit(
              () -> {
                loadChunk(connection, load, chunk);
                return null;
              });
    }

    void awaitPending() throws SQLException {
      if (pending == null) {
        return;
      }
      Future<Void> waiting = pending;
      pending = null;
      try {
        waiting.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        finish(waiting);
        throw new SQLException("interrupted while loading the result table", "HY008", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SQLException cause) {
          throw cause;
        }
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw new SQLException("loading the result table failed", "HY000", e.getCause());
      }
    }

    /** Waits for a load in flight even when interrupted: the connection is not free before. */
    private static void finish(Future<Void> load) {
      boolean interrupted = false;
      while (true) {
        try {
          load.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break; // the caller is already failing; this load's own error adds nothing
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      if (pending != null) {
        finish(pending);
        pending = null;
      }
      thread.shutdown();
    }
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

  /** The columns' quoted names, comma-separated, in order: the target list of a load or insert. */
  private static String quotedNames(SqlDialect dialect, List<TableColumn> columns)
      throws SqlflowException {
    StringJoiner names = new StringJoiner(", ");
    for (TableColumn column : columns) {
      names.add(dialect.quote(column.name()));
    }
    return names.toString();
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
        new StringBuilder("INSERT INTO ")
            .append(dialect.quoteQualified(table))
            .append(" (")
            .append(quotedNames(dialect, columns))
            .append(") VALUES (")
            .append(String.join(", ", Collections.nCopies(columns.size(), "?")))
            .append(')');
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
