package org.sqlflow.parser;

/**
 * A statement that does not follow SQLFlow's grammar. The message is one or two lines a person can
 * act on, e.g. {@code Syntax error at line 1, column 58 near "LABLE": expected LABEL, USING or
 * INTO}.
 */
public final class SqlflowParseException extends Exception {
  private final int line;
  private final int column;

  public SqlflowParseException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of the offending token. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending token. */
  public int column() {
    return column;
  }
}
