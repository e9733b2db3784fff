package org.sqlflow.server.verify;

import java.util.List;

/**
 * Model families differ in what they build and the COLUMN targets they read; one training template
 * serves them all.
 */
public enum ModelFamily {
  DNN("a deep neural network (Dense layers of model.hidden_units).", List.of("feature_columns")),
  LINEAR("a linear model (one Dense layer over all features).", List.of("feature_columns")),
  DNN_LINEAR_COMBINED(
      "a wide-and-deep model: a linear part over linear_feature_columns plus a"
          + "\ndeep part (Dense layers of model.dnn_hidden_units) over dnn_feature_columns.",
      List.of("linear_feature_columns", "dnn_feature_columns")),
  /** XGBoost's boosters, trained by train_xgboost.vm from one numeric feature matrix. */
  XGBOOST("gradient-boosted trees (or a linear booster) of XGBoost.", List.of("feature_columns"));

  private final String summary;
  private final List<String> featureTargets;

  ModelFamily(String summary, List<String> featureTargets) {
    this.summary = summary;
    this.featureTargets = featureTargets;
  }

  /** What a model of the family is, for the generated program's first comment; may wrap. */
  public String summary() {
    return summary;
  }

  /** Names allowed after {@code COLUMN ... FOR}; the first is where a plain COLUMN goes. */
  public List<String> featureTargets() {
    return featureTargets;
  }
}
