package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.sqlflow.parser.PredictStatement;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.model.ModelMetadata;

/**
 * A verified PREDICT statement.
 *
 * @param keptColumns indexes of the SELECT columns copied into the result table (all but the label
 *     and any column named like the result column)
 * @param outputs the columns the prediction adds: its own and the extra outputs
 */
public record PredictionPlan(
    PredictStatement statement,
    ModelMetadata model,
    List<SourceColumn> selectColumns,
    List<Integer> keptColumns,
    PredictionOutputs outputs) {

  public PredictionPlan {
    requireNonNull(statement, "statement");
    requireNonNull(model, "model");
    selectColumns = List.copyOf(selectColumns);
    keptColumns = List.copyOf(keptColumns);
    requireNonNull(outputs, "outputs");
  }

  /** Whether the stored model is an XGBoost booster, read by the XGBoost programs. */
  public boolean isXgboost() {
    return model.isXgboost();
  }
}
