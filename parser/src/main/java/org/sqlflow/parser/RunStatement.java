package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code <select> TO RUN <program> [CMD "arg", ...] [INTO table, ...]}, SQLFlow's clause for
 * running a container image or script over the SELECT. The server parses it so that it can refuse
 * it precisely rather than let the database report a syntax error.
 *
 * @param program the image or program as written, e.g. {@code sqlflow/runnable:v0.0.1}
 * @param args the CMD strings
 * @param into the INTO tables
 */
public record RunStatement(
    String original, String select, String program, List<String> args, List<String> into)
    implements ExtendedStatement {

  public RunStatement {
    requireNonNull(original, "original");
    requireNonNull(select, "select");
    requireNonNull(program, "program");
    args = List.copyOf(args);
    into = List.copyOf(into);
  }
}
