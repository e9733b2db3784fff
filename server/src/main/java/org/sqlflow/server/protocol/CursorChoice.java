package org.sqlflow.server.protocol;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses, for each execution of a pass-through statement on MySQL or MariaDB, whether the backing
 * statement reads its result through a server-side cursor or streams it in one round trip.
 *
 * <p>A cursor keeps any result flat in the server's heap and leaves the connection free while the
 * client reads, but costs a second database round trip and a temporary table in the database on
 * every execution, which is most of a point query's database time. So SQL whose previous result
 * ended in its first frame (on any connection, as a prepared statement or not), or whose client
 * caps it at a few rows, streams instead. Should a streamed result turn out larger than its first
 * frame, the rest goes to a {@link SpilledRows} file at once, so that the heap stays flat and the
 * connection free either way, and the SQL's next execution uses the cursor again.
 */
final class CursorChoice {
  /** A client's row cap ({@code setMaxRows}) at or below which a result counts as small. */
  static final int SMALL_MAX_ROWS = 1000;

  /** How many SQL texts are remembered; the least recently executed are forgotten first. */
  static final int REMEMBERED = 4096;

  /** Longer SQL is not remembered (a bulk statement's text would crowd out many queries). */
  static final int LONGEST_REMEMBERED = 8192;

  private final int cursorFetchSize;

  /** SQL texts whose last result ended in its first frame; guarded by itself. */
  private final Map<String, Boolean> smallLastTime =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      };

  /**
   * @param cursorFetchSize rows per database fetch of the backing connections' cursors, or 0 when
   *     they read without one (then there is nothing to choose)
   */
  CursorChoice(int cursorFetchSize) {
    this.cursorFetchSize = Math.max(0, cursorFetchSize);
  }

  /**
   * Sets how {@code statement}, about to run {@code sql}, reads its next result; true when it
   * streams, so that a result that does not end in its first frame must be spilled before the call
   * returns.
   */
  boolean beforeExecute(String sql, Statement statement, long maxRowCount) throws SQLException {
    if (cursorFetchSize == 0) {
      return false;
    }
    boolean capped = maxRowCount > 0 && maxRowCount <= SMALL_MAX_ROWS;
    boolean stream = capped || wasSmall(sql);
    // Connector/J streams at MIN_VALUE and opens a cursor at any positive fetch size.
    statement.setFetchSize(stream ? Integer.MIN_VALUE : cursorFetchSize);
    return stream;
  }

  /** Remembers whether {@code sql}'s result ended in its first frame. */
  void afterFirstFrame(String sql, boolean ended) {
    if (cursorFetchSize == 0 || sql.length() > LONGEST_REMEMBERED) {
      return;
    }
    synchronized (smallLastTime) {
      if (ended) {
        smallLastTime.put(sql, Boolean.TRUE);
      } else {
        smallLastTime.remove(sql);
      }
    }
  }

  private boolean wasSmall(String sql) {
    synchronized (smallLastTime) {
      return smallLastTime.get(sql) != null;
    }
  }
}
