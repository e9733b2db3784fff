package org.sqlflow.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {
  private static final CorpusStatement TRAIN =
      new CorpusStatement(
          1, 1, "SELECT * FROM t TO TRAIN DNNClassifier LABEL c INTO m", "", List.of(), false);
  private static final List<String> VERIFIED =
      List.of("Done parsing", "Done verifying", "Done code generation", "Start training");

  private static Outcome outcome(
      boolean logAnswer, List<String> rows, SQLException error, boolean timedOut) {
    return OutcomeClassifier.classify(TRAIN, logAnswer, rows, error, timedOut, Duration.ZERO)
        .outcome();
  }

  @Test
  void aLogEndingWithJobFinishedRan() {
    List<String> rows =
        List.of("Done parsing", "Done verifying", "epoch 0", "Job finished. Time elapsed 3.2 s");
    assertEquals(Outcome.RAN, outcome(true, rows, null, false));
  }

  @Test
  void aLogEndingWithoutJobFinishedFailedRunning() {
    assertEquals(Outcome.FAILED_RUNNING, outcome(true, VERIFIED, null, false));
    assertEquals(Outcome.FAILED_RUNNING, outcome(true, List.of(), null, false));
  }

  @Test
  void syntaxErrorsOfSqlflowAndOfTheDatabasesAreNotParsed() {
    assertEquals(
        Outcome.NOT_PARSED,
        outcome(false, List.of(), new SQLException("Encountered ...", "42000", 100_001), false));
    assertEquals(
        Outcome.NOT_PARSED,
        outcome(false, List.of(), new SQLException("You have an error", "42000", 1064), false));
    assertEquals(
        Outcome.NOT_PARSED,
        outcome(false, List.of(), new SQLException("Syntax error", "42001", 42001), false));
  }

  @Test
  void anErrorBeforeDoneVerifyingIsNotVerified() {
    SQLException unknownColumn = new SQLException("unknown column typo", "42S22", 100_002);
    assertEquals(Outcome.NOT_VERIFIED, outcome(false, List.of(), unknownColumn, false));
    SQLException missingTable = new SQLException("Table 'x.y' doesn't exist", "42S02", 1146);
    assertEquals(Outcome.NOT_VERIFIED, outcome(false, List.of(), missingTable, false));
    // A 42000 that is not a syntax error (an access error, say) is the verifier's.
    assertEquals(
        Outcome.NOT_VERIFIED,
        outcome(false, List.of(), new SQLException("denied", "42000", 1142), false));
  }

  @Test
  void anErrorAfterDoneVerifyingFailedRunningOrTimedOut() {
    SQLException jobFailed = new SQLException("ValueError: bad", "58000", 100_009);
    StatementResult failed =
        OutcomeClassifier.classify(TRAIN, true, VERIFIED, jobFailed, false, Duration.ofSeconds(3));
    assertEquals(Outcome.FAILED_RUNNING, failed.outcome());
    assertEquals("58000", failed.sqlState());
    assertEquals(100_009, failed.vendorCode());
    assertEquals("ValueError: bad", failed.message());
    assertEquals(4, failed.logRows());

    SQLException cancelled = new SQLException("statement cancelled", "57014", 100_010);
    assertEquals(Outcome.TIMED_OUT, outcome(true, VERIFIED, cancelled, true));
  }

  @Test
  void anOrdinaryAnswerRanAndStagesFollowTheOutcome() {
    assertEquals(Outcome.RAN, outcome(false, List.of("m"), null, false));
    assertTrue(Outcome.NOT_VERIFIED.parsed());
    assertFalse(Outcome.NOT_VERIFIED.verified());
    assertTrue(Outcome.TIMED_OUT.verified());
    assertFalse(Outcome.NOT_PARSED.parsed());
  }

  @Test
  void totalsCountOnlySqlflowStatementsAndExpectedRefusals() {
    CorpusStatement setup =
        new CorpusStatement(2, 3, "CREATE TABLE t (a INT)", "", List.of(), false);
    CorpusStatement shouldFail =
        new CorpusStatement(
            3, 4, "SELECT * FROM t TO TRAIN Nope LABEL c INTO m", "", List.of(), true);
    List<StatementResult> results =
        List.of(
            OutcomeClassifier.classify(
                TRAIN,
                true,
                List.of("Done verifying", "Job finished. Time elapsed 1.0 s"),
                null,
                false,
                Duration.ZERO),
            OutcomeClassifier.classify(setup, false, List.of(), null, false, Duration.ZERO),
            OutcomeClassifier.classify(
                shouldFail,
                false,
                List.of(),
                new SQLException("unknown model Nope", "42S02", 100_004),
                false,
                Duration.ZERO));

    CorpusReport.Totals totals = CorpusReport.Totals.of(results);
    assertEquals(new CorpusReport.Totals(2, 2, 1, 1, 1, 1), totals);
    String report = CorpusReport.render(results, "t");
    assertTrue(report.contains("| ran to the end | 1 |"), report);
    assertTrue(report.contains("| not verified | 42S02 | 100004 | 1 | 3 |"), report);
    assertTrue(report.contains("(set-up, not counted)"), report);
  }
}
