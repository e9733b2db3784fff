package org.sqlflow.parser;

import java.util.List;

/** Reads {@code SHOW JOB LOG <id> [FROM <row>]}, with the position of what is wrong. */
final class ShowJobLogSyntax {
  private static final String FORM = "expected SHOW JOB LOG <job id> [FROM <row>]";

  private ShowJobLogSyntax() {}

  static ShowJobLogStatement parse(ScannedSql scan) throws SqlflowParseException {
    List<ScannedSql.Token> tokens = scan.statementTokens();
    if (tokens.size() < 3 || !tokens.get(2).isWord("LOG")) {
      throw error(scan, tokens, 2, FORM);
    }
    long id = number(scan, tokens, 3, "expected a job id (SHOW JOBS lists them)");
    long from = 1;
    if (tokens.size() > 4) {
      if (!tokens.get(4).isWord("FROM")) {
        throw error(scan, tokens, 4, "expected FROM <row> or the end of the statement");
      }
      from = number(scan, tokens, 5, "expected a row number (the first row is 1)");
      if (from < 1) {
        throw error(scan, tokens, 5, "rows are numbered from 1");
      }
      if (tokens.size() > 6) {
        throw error(scan, tokens, 6, "expected the end of the statement");
      }
    }
    return new ShowJobLogStatement(id, from);
  }

  private static long number(
      ScannedSql scan, List<ScannedSql.Token> tokens, int index, String expected)
      throws SqlflowParseException {
    if (index < tokens.size()) {
      String text = tokens.get(index).text();
      if (tokens.get(index).kind() == ScannedSql.Kind.WORD
          && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException tooLong) {
          throw error(scan, tokens, index, "the number is too large");
        }
      }
    }
    throw error(scan, tokens, index, expected);
  }

  private static SqlflowParseException error(
      ScannedSql scan, List<ScannedSql.Token> tokens, int index, String detail) {
    int at = index < tokens.size() ? tokens.get(index).start() : scan.end();
    return ParseErrors.syntax(scan.sql(), at, ParseErrors.near(scan, at), detail);
  }
}
