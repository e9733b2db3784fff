package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One expression of a COLUMN clause, or an argument inside a feature-column call. */
public sealed interface ColumnExpr {

  /** A column of the SELECT, by name. */
  record ColumnRef(String name) implements ColumnExpr {
    public ColumnRef {
      requireNonNull(name, "name");
    }
  }

  /** {@code *}: every column of the SELECT. */
  record AllColumns() implements ColumnExpr {}

  /**
   * A feature-column call such as {@code EMBEDDING(CROSS([a, b], 10), 128, 'sum')}.
   *
   * @param function upper-case name ({@code EMBEDDING})
   */
  record FeatureCall(String function, List<ColumnExpr> args) implements ColumnExpr {
    public FeatureCall {
      requireNonNull(function, "function");
      args = List.copyOf(args);
    }
  }

  /**
   * A literal argument: a number or a quoted string. A bare identifier argument such as {@code sum}
   * or {@code COMMA} is a {@link ColumnRef}; the verifier reads it by position.
   */
  record Literal(AttributeValue value) implements ColumnExpr {
    public Literal {
      requireNonNull(value, "value");
    }
  }

  /** A bracketed list argument: {@code [petal_width, petal_length]} or {@code [1, 2, 3]}. */
  record ListArg(List<ColumnExpr> items) implements ColumnExpr {
    public ListArg {
      items = List.copyOf(items);
    }
  }
}
