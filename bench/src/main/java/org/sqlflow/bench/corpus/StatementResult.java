package org.sqlflow.bench.corpus;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one statement of the corpus did.
 *
 * @param sqlState the SQLState of the error it ended with, "" when it ended without one
 * @param vendorCode that error's vendor code (SQLFlow's own above 100000, else the database's)
 * @param message that error's message, "" without one
 * @param logRows how many rows its answer had
 */
public record StatementResult(
    CorpusStatement statement,
    Outcome outcome,
    String sqlState,
    int vendorCode,
    String message,
    int logRows,
    Duration elapsed) {

  public StatementResult {
    requireNonNull(statement, "statement");
    requireNonNull(outcome, "outcome");
    requireNonNull(sqlState, "sqlState");
    requireNonNull(message, "message");
    requireNonNull(elapsed, "elapsed");
  }

  /** Whether it did what its source expects: ran, or failed when the source expects an error. */
  public boolean asExpected() {
    return statement.expectsError() ? outcome != Outcome.RAN : outcome == Outcome.RAN;
  }
}
