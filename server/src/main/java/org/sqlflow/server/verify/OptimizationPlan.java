package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.sqlflow.parser.OptimizeStatement;
import org.sqlflow.server.db.SourceColumn;

/**
 * A verified TO MAXIMIZE / TO MINIMIZE: what the optimize program receives (docs/ml-contract.md §7)
 * and the SELECT's columns that index the result table.
 *
 * @param variables the {@code variables} attribute as written, e.g. {@code amount(product)}
 * @param varType one of {@link OptimizeVerifier#VARIABLE_TYPES}
 * @param solver the solver's name as the runtime knows it, or empty for its default
 * @param indexColumns the SELECT's columns named inside {@code variables}, in that order
 */
public record OptimizationPlan(
    OptimizeStatement statement,
    String variables,
    String varType,
    Optional<String> solver,
    List<SourceColumn> indexColumns) {

  public OptimizationPlan {
    requireNonNull(statement, "statement");
    requireNonNull(variables, "variables");
    requireNonNull(varType, "varType");
    requireNonNull(solver, "solver");
    indexColumns = List.copyOf(indexColumns);
  }

  /** Whether the solved values are integers (a BIGINT result column) rather than reals. */
  public boolean integerValues() {
    return !varType.endsWith("Reals");
  }
}
