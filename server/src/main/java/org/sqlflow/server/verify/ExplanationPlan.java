package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import org.sqlflow.parser.ExplainStatement;
import org.sqlflow.server.model.ModelMetadata;

/** A verified EXPLAIN statement: permutation feature importance of a stored model. */
public record ExplanationPlan(ExplainStatement statement, ModelMetadata model) {

  public ExplanationPlan {
    requireNonNull(statement, "statement");
    requireNonNull(model, "model");
  }
}
