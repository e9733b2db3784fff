package org.sqlflow.server.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.ModelMetadata;

/**
 * The explainers TO EXPLAIN ... USING names (docs/ml-contract.md section 6), which models each
 * explains, and the attributes each accepts.
 */
final class Explainers {
  static final String PERMUTATION = "PermutationImportance";
  static final String TREE = "TreeExplainer";
  static final String KERNEL = "KernelExplainer";
  static final String DEEP = "DeepExplainer";
  static final String XGBOOST = "XGBoostExplainer";
  static final List<String> NAMES = List.of(TREE, KERNEL, DEEP, XGBOOST, PERMUTATION);

  private static final List<AttributeDefinition> SUMMARY =
      List.of(
          AttributeDefinition.choice(
              "summary.plot_type",
              null,
              "the SHAP plot: bar for models with" + " several outputs, dot otherwise",
              List.of("dot", "bar", "violin", "layered_violin", "compact_dot", "decision")),
          new AttributeDefinition(
              "summary.sort", AttributeType.BOOLEAN, null, "features by importance"),
          new AttributeDefinition("summary.alpha", AttributeType.FRACTION, null, "dot opacity"),
          new AttributeDefinition(
              "summary.max_display", AttributeType.DISPLAY_COUNT, null, "features shown"),
          new AttributeDefinition("summary.color_bar", AttributeType.BOOLEAN, null, "colour bar"),
          new AttributeDefinition(
              "summary.color_bar_label", AttributeType.TEXT, null, "colour bar label"),
          new AttributeDefinition("summary.title", AttributeType.TEXT, null, "plot title"),
          new AttributeDefinition(
              "summary.plot_size", AttributeType.PLOT_SIZE, null, "plot size in inches"),
          new AttributeDefinition(
              "summary.layered_violin_max_num_bins",
              AttributeType.DISPLAY_COUNT,
              null,
              "violin bins"),
          new AttributeDefinition(
              "summary.class_names", AttributeType.TEXT_LIST, null, "names of the classes"),
          new AttributeDefinition("summary.use_log_scale", AttributeType.BOOLEAN, null, "log x"),
          new AttributeDefinition(
              "summary.show_values_in_legend",
              AttributeType.BOOLEAN,
              null,
              "values in the legend"));
  private static final AttributeDefinition LABEL_COL =
      new AttributeDefinition(
          "label_col",
          AttributeType.COLUMN_NAME,
          null,
          "the label column of the SELECT, left out of what is" + " explained");

  private Explainers() {}

  /**
   * The explainer a statement names (any case), or the model's default: TreeExplainer for XGBoost,
   * permutation importance for Keras models (what TO EXPLAIN answered before SHAP).
   */
  static String resolve(Optional<String> written, ModelMetadata model) throws SqlflowException {
    if (written.isEmpty()) {
      return model.isXgboost() ? TREE : PERMUTATION;
    }
    String name =
        NAMES.stream()
            .filter(n -> n.equalsIgnoreCase(written.get()))
            .findFirst()
            .orElseThrow(
                () ->
                    new SqlflowException(
                        ErrorCode.INVALID_ATTRIBUTE,
                        "unknown explainer '"
                            + written.get()
                            + "'; supported: "
                            + String.join(", ", NAMES)));
    boolean treeOnly = name.equals(TREE) || name.equals(XGBOOST);
    boolean kerasOnly = name.equals(DEEP) || name.equals(PERMUTATION);
    if (model.isXgboost() ? kerasOnly : treeOnly) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          name
              + " does not explain "
              + model.modelClass()
              + " models; use "
              + String.join(
                  " or ",
                  model.isXgboost()
                      ? List.of(TREE, KERNEL, XGBOOST)
                      : List.of(KERNEL, DEEP, PERMUTATION)));
    }
    return name;
  }

  /** SHAP explainers take summary.* and label_col, XGBoostExplainer label_col, others none. */
  static List<AttributeDefinition> attributes(String explainer) {
    List<AttributeDefinition> accepted = new ArrayList<>();
    if (isShap(explainer)) {
      accepted.addAll(SUMMARY);
    }
    if (!explainer.equals(PERMUTATION)) {
      accepted.add(LABEL_COL);
    }
    return accepted;
  }

  /** Whether the explainer draws SHAP's summary plot. */
  static boolean isShap(String explainer) {
    return !explainer.equals(PERMUTATION) && !explainer.equals(XGBOOST);
  }
}
