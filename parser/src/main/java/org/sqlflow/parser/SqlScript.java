package org.sqlflow.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * A script of statements separated by semicolons, split by the same lexical rules the classifier
 * reads statements with: a semicolon in a string, a back-quoted name or a comment separates
 * nothing. Each statement keeps the comments written before it, which tools that read scripts use
 * for notes about the statement.
 */
public final class SqlScript {
  /**
   * One statement of a script.
   *
   * @param text the statement from its first token to its last, without the semicolon
   * @param leading what the script has between the previous statement and this one: comments and
   *     blank space
   * @param line the 1-based line of the script on which the statement starts
   */
  public record Statement(String text, String leading, int line) {}

  private SqlScript() {}

  /** The statements of {@code script} in order; stretches that hold only comments are skipped. */
  public static List<Statement> split(String script) {
    ScannedSql scan = ScannedSql.scan(script);
    List<Statement> statements = new ArrayList<>();
    int chunkStart = 0;
    List<ScannedSql.Token> pending = new ArrayList<>();
    for (ScannedSql.Token token : scan.tokens()) {
      if (token.isSymbol(';')) {
        add(script, chunkStart, pending, statements);
        pending.clear();
        chunkStart = token.end();
      } else {
        pending.add(token);
      }
    }
    add(script, chunkStart, pending, statements);
    return List.copyOf(statements);
  }

  private static void add(
      String script, int chunkStart, List<ScannedSql.Token> tokens, List<Statement> statements) {
    if (tokens.isEmpty()) {
      return;
    }
    int start = tokens.get(0).start();
    int end = tokens.get(tokens.size() - 1).end();
    statements.add(
        new Statement(
            script.substring(start, end),
            script.substring(chunkStart, start),
            lineOf(script, start)));
  }

  private static int lineOf(String script, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (script.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
