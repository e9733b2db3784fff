package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * {@code <select> TO MAXIMIZE|MINIMIZE <objective> [CONSTRAINT <expr> [GROUP BY <column>], ...]
 * WITH variables = "x(col, ...)", var_type = ..., ... [USING <solver>] INTO <table>}: a
 * mathematical program with one decision variable per selected row (docs/ml-contract.md §7).
 *
 * @param solver the USING name, if any
 */
public record OptimizeStatement(
    String original,
    String select,
    Sense sense,
    OptimizeExpression objective,
    List<Constraint> constraints,
    Attributes attributes,
    Optional<String> solver,
    String into)
    implements ExtendedStatement {

  /** Which way the objective goes. */
  public enum Sense {
    MAXIMIZE,
    MINIMIZE;

    /** The runtime's name: {@code maximize} or {@code minimize}. */
    public String runtimeName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One constraint; {@code groupBy} makes its SUMs add up per group of that column. */
  public record Constraint(OptimizeExpression expression, Optional<String> groupBy) {
    public Constraint {
      requireNonNull(expression, "expression");
      requireNonNull(groupBy, "groupBy");
    }
  }

  public OptimizeStatement {
    requireNonNull(original, "original");
    requireNonNull(select, "select");
    requireNonNull(sense, "sense");
    requireNonNull(objective, "objective");
    constraints = List.copyOf(constraints);
    requireNonNull(attributes, "attributes");
    requireNonNull(solver, "solver");
    requireNonNull(into, "into");
  }
}
