package org.sqlflow.bench.corpus;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.job.LogRows;

/**
 * Tells from what a client sees how far a statement got: the rows of its answer (a job's log
 * carries "Done verifying" once verified and ends with "Job finished." when it ran to the end) and
 * the error it ended with, if any. The rows and the error are all it looks at, so that the corpus
 * counts what any JDBC user of the server would see.
 */
public final class OutcomeClassifier {
  /** MySQL's and MariaDB's ER_PARSE_ERROR: a statement that reached the database unparsed. */
  static final int MYSQL_PARSE_ERROR = 1064;

  /** H2's syntax errors (SYNTAX_ERROR_1, SYNTAX_ERROR_2). */
  static final List<Integer> H2_SYNTAX_ERRORS = List.of(42000, 42001);

  private OutcomeClassifier() {}

  /**
   * @param logAnswer whether the answer was a job's log (its one column named {@code log}) rather
   *     than an ordinary result or update count
   * @param rows the first column of every row read, in order
   * @param error what the statement ended with: thrown by execute or by a fetch; null when none
   * @param timedOut whether the runner's timeout cancelled it
   */
  public static StatementResult classify(
      CorpusStatement statement,
      boolean logAnswer,
      List<String> rows,
      SQLException error,
      boolean timedOut,
      Duration elapsed) {
    boolean verified = !logAnswer || rows.contains(LogRows.DONE_VERIFYING);
    Outcome outcome;
    if (error == null) {
      boolean finished =
          !logAnswer
              || (!rows.isEmpty() && rows.get(rows.size() - 1).startsWith(LogRows.JOB_FINISHED));
      outcome = finished ? Outcome.RAN : Outcome.FAILED_RUNNING;
    } else if (isSyntaxError(error)) {
      outcome = Outcome.NOT_PARSED;
    } else if (!logAnswer || !verified) {
      outcome = Outcome.NOT_VERIFIED;
    } else {
      outcome = timedOut ? Outcome.TIMED_OUT : Outcome.FAILED_RUNNING;
    }
    return new StatementResult(
        statement,
        outcome,
        error == null || error.getSQLState() == null ? "" : error.getSQLState(),
        error == null ? 0 : error.getErrorCode(),
        error == null ? "" : String.valueOf(error.getMessage()),
        rows.size(),
        elapsed);
  }

  private static boolean isSyntaxError(SQLException error) {
    int code = error.getErrorCode();
    return code == ErrorCode.SYNTAX_ERROR.code()
        || code == MYSQL_PARSE_ERROR
        || ("42000".equals(error.getSQLState()) || "42001".equals(error.getSQLState()))
            && H2_SYNTAX_ERRORS.contains(code);
  }
}
