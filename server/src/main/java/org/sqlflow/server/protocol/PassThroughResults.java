package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcColumns;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.jdbc.StatementInfoAccess;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.sqlflow.wire.PackedRows;

/**
 * Runs pass-through statements on their backing JDBC statements as JdbcMeta does, but encodes
 * results with {@link ResultEncoding} for the client's {@link WireFormat}, and reads small results
 * without a database cursor ({@link CursorChoice}).
 *
 * <p>Every call on one client connection's backing connection takes that connection's turn ({@link
 * #turnOf}): while a streamed result is read, its database connection can do nothing else, and our
 * driver fetches one statement's next frame while its application may execute another. The executes
 * here run inside the turn their caller ({@code SqlflowMeta.passThrough}) holds; a fetch takes it
 * here.
 */
final class PassThroughResults {
  /** Avatica's default first-frame size, used when the client leaves it open. */
  private static final int FIRST_FRAME_ROWS = 100;

  private final Cache<Integer, StatementInfo> statements;
  private final CursorChoice cursors;

  /** The rest of streamed results that outgrew their first frame, by statement. */
  private final Path spillDirectory;

  private final ConcurrentMap<Integer, SpilledRows> spilled = new ConcurrentHashMap<>();

  private final ConcurrentMap<String, ReentrantLock> turns = new ConcurrentHashMap<>();

  /** Statements whose client asked to cancel the running execution. */
  private final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();

  /** Connections whose client (SQLFlow's driver) asked for {@link PackedRows} frames. */
  private final Set<String> packedConnections = ConcurrentHashMap.newKeySet();

  PassThroughResults(
      Cache<Integer, StatementInfo> statements, CursorChoice cursors, Path spillDirectory) {
    this.statements = requireNonNull(statements, "statements");
    this.cursors = requireNonNull(cursors, "cursors");
    this.spillDirectory = requireNonNull(spillDirectory, "spillDirectory");
  }

  /** Notes how the connection's client reads frames, from its connection properties. */
  void connectionOpened(String connectionId, Map<String, String> info) {
    if (info != null && PackedRows.PACKED.equals(info.get(PackedRows.PROPERTY))) {
      packedConnections.add(connectionId);
    }
  }

  void connectionClosed(String connectionId) {
    packedConnections.remove(connectionId);
    turns.remove(connectionId);
    for (Map.Entry<Integer, SpilledRows> entry : spilled.entrySet()) {
      if (entry.getValue().connectionId().equals(connectionId)
          && spilled.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().close();
      }
    }
  }

  void statementClosed(int statementId) {
    discardSpilled(statementId);
    cancelled.remove(statementId);
  }

  /**
   * Notes that the statement's execution is being cancelled. A query killed while its result
   * streams may still end as if complete (MariaDB's BENCHMARK answers 0), where through a cursor
   * the database fails it; a streamed execution that was cancelled fails as the cursor's would.
   */
  void cancelling(int statementId) {
    cancelled.add(statementId);
  }

  Meta.ExecuteResult execute(
      Meta.StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      WireFormat format)
      throws NoSuchStatementException {
    StatementInfo info = infoOf(h);
    try {
      discardSpilled(h.id);
      cancelled.remove(h.id);
      Statement statement = StatementInfoAccess.statementOf(info);
      setMaxRows(statement, maxRowCount);
      boolean streamed = cursors.beforeExecute(sql, statement, maxRowCount);
      statement.execute(sql);
      return result(h, info, statement, sql, null, null, maxRowsInFirstFrame, format, streamed);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  /**
   * Executes prepared statement {@code h} with its parameters. What the client's request says of
   * the statement beyond its id is not used: the server remembers what it prepared.
   */
  Meta.ExecuteResult execute(
      Meta.StatementHandle h,
      ClientStatements.PreparedPassThrough prepared,
      List<TypedValue> parameterValues,
      int maxRowsInFirstFrame,
      WireFormat format)
      throws NoSuchStatementException {
    StatementInfo info = infoOf(h);
    try {
      discardSpilled(h.id);
      cancelled.remove(h.id);
      PreparedStatement statement = (PreparedStatement) StatementInfoAccess.statementOf(info);
      if (parameterValues != null) {
        Calendar calendar = null;
        for (int i = 0; i < parameterValues.size(); i++) {
          TypedValue value = parameterValues.get(i);
          if (value == null) {
            throw new SQLException("parameter " + (i + 1) + " is not bound", "07001");
          }
          if (calendar == null && readsWithCalendar(value)) {
            // Made only when needed: a point query's parameter is a number or text.
            calendar = DateTimeUtils.calendar();
          }
          statement.setObject(i + 1, value.toJdbc(calendar));
        }
      }
      boolean streamed = cursors.beforeExecute(prepared.sql(), statement, 0);
      statement.execute();
      return result(
          h,
          info,
          statement,
          prepared.sql(),
          prepared.database(),
          prepared.announced(),
          maxRowsInFirstFrame,
          format,
          streamed);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
  }

  Meta.Frame fetch(Meta.StatementHandle h, long offset, int fetchMaxRowCount, WireFormat format)
      throws NoSuchStatementException, MissingResultsException {
    SpilledRows spill = spilled.get(h.id);
    if (spill != null) {
      Meta.Frame frame = spill.next(offset, fetchMaxRowCount);
      if (frame.done) {
        discardSpilled(h.id);
      }
      return frame;
    }
    StatementInfo info = infoOf(h);
    if (!info.isResultSetInitialized()) {
      throw new MissingResultsException(h);
    }
    ResultSet rs = info.getResultSet();
    if (rs == null) {
      return Meta.Frame.EMPTY;
    }
    ReentrantLock turn = turnOf(h.connectionId);
    turn.lock();
    try {
      if (rs.isClosed()) {
        return new Meta.Frame(offset, true, List.of());
      }
      ResultEncoding encoding = encoding(h.connectionId, JdbcColumns.of(rs.getMetaData()), format);
      return encoding.frame(info, rs, offset, fetchMaxRowCount);
    } catch (SQLException e) {
      throw new RuntimeException(e);
    } finally {
      turn.unlock();
    }
  }

  /** The encoding prepare() announces for a prepared statement's columns. */
  Meta.Signature signature(
      String connectionId, Meta.Signature databaseSignature, WireFormat format) {
    if (databaseSignature == null) {
      return null;
    }
    return encoding(connectionId, databaseSignature.columns, format).signature(databaseSignature);
  }

  private ResultEncoding encoding(
      String connectionId, List<ColumnMetaData> columns, WireFormat format) {
    return ResultEncoding.of(columns, format, packedConnections.contains(connectionId));
  }

  /**
   * The result of {@code statement}'s execution of {@code sql}; {@code prepared} and {@code
   * announced} are the database's and the client's signatures of a prepared statement, null
   * otherwise.
   */
  private Meta.ExecuteResult result(
      Meta.StatementHandle h,
      StatementInfo info,
      Statement statement,
      String sql,
      Meta.Signature prepared,
      Meta.Signature announced,
      int maxRowsInFirstFrame,
      WireFormat format,
      boolean streamed)
      throws SQLException {
    ResultSet rs = statement.getResultSet();
    info.setResultSet(rs);
    if (rs == null) {
      long count = AvaticaUtils.getLargeUpdateCount(statement);
      return new Meta.ExecuteResult(List.of(Meta.MetaResultSet.count(h.connectionId, h.id, count)));
    }
    // Read once: a driver's column metadata is a good part of a point query's server time.
    List<ColumnMetaData> columns = JdbcColumns.of(rs.getMetaData());
    ResultEncoding encoding = encoding(h.connectionId, columns, format);
    Meta.Signature databaseSignature =
        JdbcColumns.signature(columns, prepared == null ? null : prepared.sql, prepared);
    Meta.Frame first;
    try {
      first = encoding.frame(null, rs, 0, firstFrameRows(maxRowsInFirstFrame));
      cursors.afterFirstFrame(sql, first.done);
      if (streamed && !first.done) {
        // Larger than expected: off the connection now, into a file the fetches read.
        spilled.put(h.id, SpilledRows.drain(spillDirectory, h.connectionId, encoding, rs));
      }
      if (streamed && cancelled.remove(h.id)) {
        discardSpilled(h.id);
        throw new SQLException("Query execution was interrupted", "70100", 1317);
      }
    } catch (SQLException | RuntimeException e) {
      if (streamed) {
        // A streamed result left open would hold its connection for every later statement.
        closeQuietly(rs, e);
      }
      throw e;
    }
    Meta.Signature signature =
        AnnouncedSignature.of(encoding.signature(databaseSignature), announced);
    return new Meta.ExecuteResult(
        List.of(Meta.MetaResultSet.create(h.connectionId, h.id, true, signature, first)));
  }

  /** Whether Avatica converts {@code value} to its JDBC form with a calendar. */
  private static boolean readsWithCalendar(TypedValue value) {
    return switch (value.type) {
      case JAVA_UTIL_DATE, JAVA_SQL_DATE, JAVA_SQL_TIME, JAVA_SQL_TIMESTAMP, ARRAY -> true;
      default -> false;
    };
  }

  private static int firstFrameRows(int requested) {
    if (requested == JdbcMeta.UNLIMITED_COUNT) {
      return -1;
    }
    return requested < 0 ? FIRST_FRAME_ROWS : Math.min(requested, FIRST_FRAME_ROWS);
  }

  private static void setMaxRows(Statement statement, long maxRowCount) throws SQLException {
    if (maxRowCount > 0) {
      AvaticaUtils.setLargeMaxRows(statement, maxRowCount);
    } else if (maxRowCount < 0) {
      statement.setMaxRows(0);
    }
  }

  private static void closeQuietly(ResultSet rs, Exception failure) {
    try {
      rs.close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** The turn that every call on the connection's backing connection takes. */
  ReentrantLock turnOf(String connectionId) {
    return turns.computeIfAbsent(connectionId, id -> new ReentrantLock());
  }

  private void discardSpilled(int statementId) {
    SpilledRows spill = spilled.remove(statementId);
    if (spill != null) {
      spill.close();
    }
  }

  private StatementInfo infoOf(Meta.StatementHandle h) throws NoSuchStatementException {
    StatementInfo info = statements.getIfPresent(h.id);
    if (info == null) {
      throw new NoSuchStatementException(h);
    }
    return info;
  }
}
