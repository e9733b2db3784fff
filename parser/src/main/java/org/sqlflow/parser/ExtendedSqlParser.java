package org.sqlflow.parser;

/** Placeholder; replaced by the parser work. */
public final class ExtendedSqlParser {
  public ExtendedStatement parse(String sql) throws SqlflowParseException {
    throw new SqlflowParseException("parser not merged yet", 1, 1);
  }
}
