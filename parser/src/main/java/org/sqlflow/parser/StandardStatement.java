package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

/** Standard SQL, passed through to the backing database verbatim, never parsed by SQLFlow. */
public record StandardStatement(String sql) implements ParsedStatement {
  public StandardStatement {
    requireNonNull(sql, "sql");
  }
}
