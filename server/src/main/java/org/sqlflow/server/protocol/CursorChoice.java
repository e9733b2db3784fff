package org.sqlflow.server.protocol;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses, for each execution of a pass-through statement on MySQL or MariaDB, whether the backing
 * statement reads its result through a server-side cursor or streams it in one round trip.
 *
 * <p>A cursor keeps any result flat in the server's heap and leaves the connection free while the
 * client reads, but costs a second database round trip and a temporary table in the database on
 * every execution, which is most of a point query's database time. So a statement whose previous
 * result ended in its first frame, or whose client caps it at a few rows, streams instead. Should a
 * streamed result turn out larger than its first frame, the rest goes to a {@link SpilledRows} file
 * at once, so that the heap stays flat and the connection free either way, and the statement's next
 * execution uses the cursor again.
 */
final class CursorChoice {
  /** A client's row cap ({@code setMaxRows}) at or below which a result counts as small. */
  static final int SMALL_MAX_ROWS = 1000;

  private final int cursorFetchSize;

  /** Statements whose last result ended in its first frame. */
  private final Set<Integer> smallLastTime = ConcurrentHashMap.newKeySet();

  /**
   * @param cursorFetchSize rows per database fetch of the backing connections' cursors, or 0 when
   *     they read without one (then there is nothing to choose)
   */
  CursorChoice(int cursorFetchSize) {
    this.cursorFetchSize = Math.max(0, cursorFetchSize);
  }

  /**
   * Sets how {@code statement} reads its next result; true when it streams, so that a result that
   * does not end in its first frame must be spilled before the call returns.
   */
  boolean beforeExecute(int statementId, Statement statement, long maxRowCount)
      throws SQLException {
    if (cursorFetchSize == 0) {
      return false;
    }
    boolean capped = maxRowCount > 0 && maxRowCount <= SMALL_MAX_ROWS;
    boolean stream = capped || smallLastTime.contains(statementId);
    // Connector/J streams at MIN_VALUE and opens a cursor at any positive fetch size.
    statement.setFetchSize(stream ? Integer.MIN_VALUE : cursorFetchSize);
    return stream;
  }

  /** Remembers whether the statement's result ended in its first frame. */
  void afterFirstFrame(int statementId, boolean ended) {
    if (cursorFetchSize == 0) {
      return;
    }
    if (ended) {
      smallLastTime.add(statementId);
    } else {
      smallLastTime.remove(statementId);
    }
  }

  void forget(int statementId) {
    smallLastTime.remove(statementId);
  }
}
