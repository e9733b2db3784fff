package org.sqlflow.parser;

import java.util.List;

/**
 * The SQLFlow driver's two statements for {@code Statement.RETURN_GENERATED_KEYS}, which Avatica's
 * protocol has no field for: {@code SQLFLOW RETURNING KEYS <statement>} runs (or prepares) the
 * statement asking the database for its generated keys, and {@code SQLFLOW GENERATED KEYS FOR
 * STATEMENT <id>} reads the keys of that statement's last execution.
 */
public final class GeneratedKeys {
  private GeneratedKeys() {}

  /**
   * The statement inside {@code SQLFLOW RETURNING KEYS <statement>}, as written.
   *
   * @throws IllegalArgumentException when there is none
   */
  public static String returningKeysStatement(String sql) {
    ScannedSql scan = ScannedSql.scan(sql);
    List<ScannedSql.Token> tokens = scan.statementTokens();
    if (tokens.size() < 4
        || !tokens.get(0).isWord("SQLFLOW")
        || !tokens.get(1).isWord("RETURNING")
        || !tokens.get(2).isWord("KEYS")) {
      throw new IllegalArgumentException(
          "SQLFLOW RETURNING KEYS expects a statement, e.g. SQLFLOW RETURNING KEYS INSERT ...");
    }
    return sql.substring(tokens.get(3).start(), scan.end());
  }

  /**
   * The statement id in {@code SQLFLOW GENERATED KEYS FOR STATEMENT <id>}.
   *
   * @throws IllegalArgumentException when the statement is malformed
   */
  public static int statementOfKeys(String sql) {
    return statementId(
        sql,
        List.of("SQLFLOW", "GENERATED", "KEYS"),
        "SQLFLOW GENERATED KEYS expects FOR STATEMENT <id>, e.g. SQLFLOW GENERATED KEYS FOR"
            + " STATEMENT 3");
  }

  /**
   * The statement id in {@code SQLFLOW WARNINGS FOR STATEMENT <id>}, the driver's request for the
   * warnings of that statement's last execution (it lives here because it is read as the keys
   * request is).
   *
   * @throws IllegalArgumentException when the statement is malformed
   */
  public static int statementOfWarnings(String sql) {
    return statementId(
        sql,
        List.of("SQLFLOW", "WARNINGS"),
        "SQLFLOW WARNINGS expects FOR STATEMENT <id>, e.g. SQLFLOW WARNINGS FOR STATEMENT 3");
  }

  /**
   * The statement id in {@code SQLFLOW MORE RESULTS FOR STATEMENT <id>}, the driver's request for
   * the next result of that statement's last execution ({@code getMoreResults()}).
   *
   * @throws IllegalArgumentException when the statement is malformed
   */
  public static int statementOfMoreResults(String sql) {
    return statementId(
        sql,
        List.of("SQLFLOW", "MORE", "RESULTS"),
        "SQLFLOW MORE RESULTS expects FOR STATEMENT <id>, e.g. SQLFLOW MORE RESULTS FOR"
            + " STATEMENT 3");
  }

  /** The id after {@code <command words> FOR STATEMENT}. */
  private static int statementId(String sql, List<String> command, String usage) {
    List<ScannedSql.Token> tokens = ScannedSql.scan(sql).statementTokens();
    int n = command.size();
    boolean shaped = tokens.size() == n + 3;
    for (int i = 0; shaped && i < n; i++) {
      shaped = tokens.get(i).isWord(command.get(i));
    }
    if (shaped
        && tokens.get(n).isWord("FOR")
        && tokens.get(n + 1).isWord("STATEMENT")
        && tokens.get(n + 2).text().chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Integer.parseInt(tokens.get(n + 2).text());
      } catch (NumberFormatException tooLong) {
        // reported below
      }
    }
    throw new IllegalArgumentException(usage);
  }
}
