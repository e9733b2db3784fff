package org.sqlflow.server.verify;

import java.util.List;

/** Model families share a training template and the COLUMN targets they read. */
public enum ModelFamily {
  DNN("train_dnn.vm", List.of("feature_columns")),
  LINEAR("train_linear.vm", List.of("feature_columns")),
  DNN_LINEAR_COMBINED("train_dnn_linear_combined.vm",
      List.of("linear_feature_columns", "dnn_feature_columns")),
  /** Gradient-boosted trees (and linear boosters) of XGBoost: one numeric feature matrix. */
  XGBOOST("train_xgboost.vm", List.of("feature_columns"));

  private final String template;
  private final List<String> featureTargets;

  ModelFamily(String template, List<String> featureTargets) {
    this.template = template;
    this.featureTargets = featureTargets;
  }

  public String template() {
    return template;
  }

  /** Names allowed after {@code COLUMN ... FOR}; the first is where a plain COLUMN goes. */
  public List<String> featureTargets() {
    return featureTargets;
  }
}
