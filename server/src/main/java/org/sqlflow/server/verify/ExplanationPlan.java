package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.parser.ExplainStatement;
import org.sqlflow.server.model.ModelMetadata;

/**
 * A verified EXPLAIN statement.
 *
 * @param explainer TreeExplainer, KernelExplainer, DeepExplainer, XGBoostExplainer or
 *     PermutationImportance (docs/ml-contract.md section 6)
 * @param summary the summary.* attributes the statement set, without the prefix
 * @param labelColumn label_col: a SELECT column left out of what is explained
 */
public record ExplanationPlan(
    ExplainStatement statement,
    ModelMetadata model,
    String explainer,
    Map<String, Object> summary,
    Optional<String> labelColumn) {

  public ExplanationPlan {
    requireNonNull(statement, "statement");
    requireNonNull(model, "model");
    requireNonNull(explainer, "explainer");
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    requireNonNull(labelColumn, "labelColumn");
  }

  /** Permutation importance (explain.vm) rather than SHAP or XGBoost's scores (explain_shap.vm). */
  public boolean isPermutationImportance() {
    return explainer.equals(Explainers.PERMUTATION);
  }

  /** The plot table's name is the INTO table's plus this. */
  public static final String PLOT_TABLE_SUFFIX = "_plot";

  /** Whether the program draws SHAP's summary plot, which INTO stores beside the rows. */
  public boolean drawsPlot() {
    return Explainers.isShap(explainer);
  }

  /** Where INTO db.t stores the summary plot: db.t_plot (empty without INTO or a plot). */
  public Optional<String> plotTable() {
    return drawsPlot() ? statement.into().map(t -> t + PLOT_TABLE_SUFFIX) : Optional.empty();
  }
}
