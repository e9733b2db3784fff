package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An objective or constraint of TO MAXIMIZE / TO MINIMIZE, already checked to use only what a
 * linear program may (numbers, columns, + - * /, SUM, and one comparison in a constraint).
 *
 * @param text the expression as written, which the runtime parses again (never evaluates)
 * @param names every column or variable name it mentions, where it is written
 */
public record OptimizeExpression(String text, List<Name> names) {

  /** A name in the expression and its position in the statement (1-based). */
  public record Name(String name, int line, int column) {
    public Name {
      requireNonNull(name, "name");
    }

    /** {@code at line L, column C}, as every positioned error says it. */
    public String where() {
      return "at line " + line + ", column " + column;
    }
  }

  public OptimizeExpression {
    requireNonNull(text, "text");
    names = List.copyOf(names);
  }
}
