package org.sqlflow.server.contract;

/**
 * The names inside a job's directory that the Java stages and the generated Python program agree on
 * (docs/ml-contract.md): the one place each name is spelled.
 */
public final class JobFiles {
  /** The generated program, run with the job directory as its working directory. */
  public static final String PROGRAM = "program.py";

  /** Feed directories (section 1). */
  public static final String TRAIN_FEED = "train";

  public static final String VALIDATION_FEED = "validation";
  public static final String PREDICT_FEED = "predict";

  /** What every feed directory holds, written last so that its presence means complete. */
  public static final String FEED_META = "meta.json";

  /** The trained model's directory, archived into the database after training. */
  public static final String MODEL_DIR = "model";

  /** What a model directory holds besides the model itself (section 3). */
  public static final String MODEL_METADATA = "metadata.json";

  /** Where TRAIN ... USING m restores m before continuing to train it. */
  public static final String WARM_START_DIR = "warm_start";

  /**
   * PREDICT: a result table (section 5) of the program's prediction columns (the result column,
   * then predict.extra_outputs), one row per fed row, in feed order.
   */
  public static final String PREDICTIONS = "predictions.result";

  /** PREDICT: the fed rows' own values, to be written back beside the predictions. */
  public static final String PREDICT_ROWS = "predict.rows";

  /** EVALUATE: {"metric": value, ...}. */
  public static final String METRICS = "metrics.json";

  /** TO MAXIMIZE / TO MINIMIZE: the SELECT's rows, one decision variable each. */
  public static final String OPTIMIZE_FEED = "optimize";

  /** TO MAXIMIZE / TO MINIMIZE: the solved result table (section 5). */
  public static final String OPTIMIZATION = "optimize.result";

  /** EXPLAIN with permutation importance: {"feature": importance, ...}. */
  public static final String EXPLANATION = "explain.json";

  /** EXPLAIN with SHAP or XGBoostExplainer: the explanation as a result table (section 5). */
  public static final String EXPLANATION_TABLE = "explanation.result";

  /** EXPLAIN with SHAP: the summary plot, a PNG image. */
  public static final String SUMMARY_PLOT = "summary.png";

  private JobFiles() {}
}
