package org.sqlflow.server.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The metric names validation.metrics accepts and the runtime computes, matched in any case. */
public final class Metrics {
  public static final List<String> NAMES =
      List.of(
          "Accuracy",
          "AUC",
          "Precision",
          "Recall",
          "MeanSquaredError",
          "MeanAbsoluteError",
          "MeanAbsolutePercentageError");

  /** SQLFlow's short names, accepted for the metric they stand for. */
  public static final Map<String, String> ALIASES =
      Map.of(
          "MSE",
          "MeanSquaredError",
          "MAE",
          "MeanAbsoluteError",
          "MAPE",
          "MeanAbsolutePercentageError");

  /** What a classifier reports when the statement names no metric. */
  public static final String CLASSIFIER_DEFAULT = "Accuracy";

  /** What a regressor reports when the statement names no metric. */
  public static final String REGRESSOR_DEFAULT = "MeanSquaredError";

  private Metrics() {}

  /** The metric's own spelling, or empty for an unknown name. */
  public static Optional<String> canonical(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    Optional<String> alias =
        ALIASES.entrySet().stream()
            .filter(a -> a.getKey().toLowerCase(Locale.ROOT).equals(wanted))
            .map(Map.Entry::getValue)
            .findFirst();
    return alias.isPresent()
        ? alias
        : NAMES.stream().filter(n -> n.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
  }

  /** The default metrics of a model whose label is of {@code kind}. */
  public static List<String> defaultsFor(LabelKind kind) {
    return List.of(kind == LabelKind.CLASS ? CLASSIFIER_DEFAULT : REGRESSOR_DEFAULT);
  }
}
