package org.sqlflow.parser;

import java.util.List;

/**
 * The SQLFlow driver's two statements for {@code Statement.RETURN_GENERATED_KEYS}, which
 * Avatica's protocol has no field for: {@code SQLFLOW RETURNING KEYS <statement>} runs (or
 * prepares) the statement asking the database for its generated keys, and
 * {@code SQLFLOW GENERATED KEYS FOR STATEMENT <id>} reads the keys of that statement's last
 * execution.
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
    if (tokens.size() < 4 || !tokens.get(0).isWord("SQLFLOW")
        || !tokens.get(1).isWord("RETURNING") || !tokens.get(2).isWord("KEYS")) {
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
    List<ScannedSql.Token> tokens = ScannedSql.scan(sql).statementTokens();
    if (tokens.size() == 6 && tokens.get(0).isWord("SQLFLOW")
        && tokens.get(1).isWord("GENERATED") && tokens.get(2).isWord("KEYS")
        && tokens.get(3).isWord("FOR") && tokens.get(4).isWord("STATEMENT")
        && tokens.get(5).text().chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Integer.parseInt(tokens.get(5).text());
      } catch (NumberFormatException tooLong) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "SQLFLOW GENERATED KEYS expects FOR STATEMENT <id>, e.g. SQLFLOW GENERATED KEYS FOR"
            + " STATEMENT 3");
  }
}
