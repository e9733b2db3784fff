package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.db.SourceColumn;

/**
 * A verified TRAIN statement, everything code generation and the job need.
 *
 * @param settings the attributes, typed, as code generation and the job read them: {@link
 *     TrainingSettings} for Keras models, {@link XgboostSettings} for XGBoost
 * @param attributes every attribute of the model, defaults applied, by full key: recorded in the
 *     model's metadata as the statement resolved them, not read by key
 * @param features feature specs by target ({@code feature_columns} ...)
 * @param inputs the SELECT columns the features read, in SELECT order
 */
public record TrainingPlan(
    TrainStatement statement,
    ModelDefinition model,
    ModelSettings settings,
    Map<String, Object> attributes,
    Map<String, List<FeatureSpec>> features,
    LabelSpec label,
    List<SourceColumn> selectColumns,
    List<SourceColumn> inputs) {

  public TrainingPlan {
    requireNonNull(statement, "statement");
    requireNonNull(model, "model");
    requireNonNull(settings, "settings");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    Map<String, List<FeatureSpec>> copy = new LinkedHashMap<>();
    features.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    features = Collections.unmodifiableMap(copy);
    requireNonNull(label, "label");
    selectColumns = List.copyOf(selectColumns);
    inputs = List.copyOf(inputs);
  }

  public String into() {
    return statement.into();
  }
}
