package org.sqlflow.parser;

import java.util.List;
import java.util.Set;

/**
 * Decides by a lexical look alone (no parsing) who handles a statement: the backing database, or
 * SQLFlow. Quoted text and comments never count, so {@code SELECT 'to train' FROM t} and {@code
 * SELECT 1 -- TO TRAIN x} stay standard.
 */
public final class StatementClassifier {
  /** Statements whose own grammar has TO (GRANT ... TO user, RENAME TABLE a TO b). */
  private static final Set<String> STATEMENTS_WITH_TO =
      Set.of("GRANT", "REVOKE", "RENAME", "ALTER");

  private StatementClassifier() {}

  /**
   * EXTENDED for a top-level {@code TO TRAIN|PREDICT|EVALUATE|EXPLAIN|RUN|MAXIMIZE|MINIMIZE} (any
   * case, only whitespace or comments between the two words) or a leading {@code SHOW TRAIN},
   * except in GRANT, REVOKE, RENAME and ALTER, whose own syntax has TO; SHOW_JOBS when the
   * statement is exactly {@code SHOW JOBS}; SHOW_JOB_LOG when it starts with {@code SHOW JOB};
   * SUBMIT when it starts with {@code SUBMIT}; KILL_JOB when it starts with {@code KILL JOB};
   * METADATA, RETURNING_KEYS, GENERATED_KEYS, WARNINGS or MORE_RESULTS when it starts with {@code
   * SQLFLOW METADATA}, {@code SQLFLOW RETURNING}, {@code SQLFLOW GENERATED}, {@code SQLFLOW
   * WARNINGS} or {@code SQLFLOW MORE}; otherwise STANDARD.
   */
  public static StatementKind classify(String sql) {
    return classify(ScannedSql.scan(sql));
  }

  static StatementKind classify(ScannedSql scan) {
    String first = scan.word(0);
    String second = scan.word(1);
    if (first.equals("SHOW") && second.equals("TRAIN")) {
      return StatementKind.EXTENDED;
    }
    if (first.equals("SHOW") && second.equals("JOBS") && scan.statementTokens().size() == 2) {
      return StatementKind.SHOW_JOBS;
    }
    if (first.equals("SHOW") && second.equals("JOB")) {
      // MySQL has no SHOW JOB: the statement is ours, right or wrong.
      return StatementKind.SHOW_JOB_LOG;
    }
    if (first.equals("SUBMIT")) {
      return StatementKind.SUBMIT;
    }
    if (first.equals("KILL") && second.equals("JOB")) {
      return StatementKind.KILL_JOB;
    }
    if (first.equals("SQLFLOW") && second.equals("METADATA")) {
      return StatementKind.METADATA;
    }
    if (first.equals("SQLFLOW") && second.equals("RETURNING")) {
      return StatementKind.RETURNING_KEYS;
    }
    if (first.equals("SQLFLOW") && second.equals("GENERATED")) {
      return StatementKind.GENERATED_KEYS;
    }
    if (first.equals("SQLFLOW") && second.equals("WARNINGS")) {
      return StatementKind.WARNINGS;
    }
    if (first.equals("SQLFLOW") && second.equals("MORE")) {
      return StatementKind.MORE_RESULTS;
    }
    if (!STATEMENTS_WITH_TO.contains(first) && scan.extendedClauseStart().isPresent()) {
      return StatementKind.EXTENDED;
    }
    return StatementKind.STANDARD;
  }

  /**
   * Reads a KILL JOB statement (comments and a trailing semicolon allowed).
   *
   * @throws IllegalArgumentException with a message for the user when the statement is not {@code
   *     KILL JOB [FOR STATEMENT] <n> [TIMEOUT]} with a non-negative n that fits a long (TIMEOUT
   *     only with FOR STATEMENT)
   */
  public static KillJobStatement parseKillJob(String sql) {
    return parseKillJob(ScannedSql.scan(sql));
  }

  static KillJobStatement parseKillJob(ScannedSql scan) {
    List<ScannedSql.Token> tokens = scan.statementTokens();
    boolean forStatement =
        tokens.size() >= 5 && tokens.get(2).isWord("FOR") && tokens.get(3).isWord("STATEMENT");
    int number = forStatement ? 4 : 2;
    boolean timedOut = forStatement && tokens.size() == 6 && tokens.get(5).isWord("TIMEOUT");
    int expected = number + 1 + (timedOut ? 1 : 0);
    if (tokens.size() == expected
        && tokens.get(0).isWord("KILL")
        && tokens.get(1).isWord("JOB")
        && tokens.get(number).text().chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return new KillJobStatement(
            Long.parseLong(tokens.get(number).text()), forStatement, timedOut);
      } catch (NumberFormatException tooLong) {
        // reported below
      }
    }
    throw new IllegalArgumentException("KILL JOB expects a job number, e.g. KILL JOB 12");
  }
}
