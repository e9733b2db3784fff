package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.sqlflow.parser.EvaluateStatement;
import org.sqlflow.server.model.ModelMetadata;

/** A verified EVALUATE statement: the model, its label column and the metrics to report. */
public record EvaluationPlan(
    EvaluateStatement statement, ModelMetadata model, String labelColumn, List<String> metrics) {

  public EvaluationPlan {
    requireNonNull(statement, "statement");
    requireNonNull(model, "model");
    requireNonNull(labelColumn, "labelColumn");
    metrics = List.copyOf(metrics);
  }

  /** Whether the stored model is an XGBoost booster, read by the XGBoost programs. */
  public boolean isXgboost() {
    return model.isXgboost();
  }
}
