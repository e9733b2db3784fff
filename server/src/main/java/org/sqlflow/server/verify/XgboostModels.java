package org.sqlflow.server.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlflow.server.contract.FeatureKind;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.contract.LabelKind;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * SQLFlow's XGBoost model classes and their attributes (docs/ml-contract.md section 4): booster
 * parameters without a prefix ({@code objective}, {@code eta}, ...) and {@code train.*} settings,
 * type- and range-checked here before any program runs (the runtime's {@code boosting.PARAMS}
 * checks them again).
 */
public final class XgboostModels {
  public static final List<String> OBJECTIVES =
      List.of(
          "reg:squarederror",
          "reg:squaredlogerror",
          "reg:logistic",
          "reg:pseudohubererror",
          "reg:absoluteerror",
          "reg:gamma",
          "reg:tweedie",
          "binary:logistic",
          "binary:logitraw",
          "binary:hinge",
          "count:poisson",
          "survival:cox",
          "multi:softmax",
          "multi:softprob",
          "rank:pairwise",
          "rank:ndcg",
          "rank:map");

  /** Objectives whose predictions are class ids (PREDICT writes BIGINT). */
  static final List<String> CLASS_OBJECTIVES =
      List.of("binary:logistic", "binary:hinge", "multi:softmax", "multi:softprob");

  static final List<String> EVAL_METRICS =
      List.of(
          "rmse",
          "rmsle",
          "mae",
          "mape",
          "mphe",
          "logloss",
          "error",
          "merror",
          "mlogloss",
          "auc",
          "aucpr",
          "ndcg",
          "map",
          "poisson-nloglik",
          "gamma-nloglik",
          "cox-nloglik",
          "gamma-deviance",
          "tweedie-nloglik");

  /** scikit-learn's metric names, which EVALUATE of an XGBoost model reports (SQLFlow's). */
  public static final List<String> EVALUATION_METRICS =
      List.of(
          "accuracy_score",
          "average_precision_score",
          "balanced_accuracy_score",
          "brier_score_loss",
          "cohen_kappa_score",
          "explained_variance_score",
          "f1_score",
          "hamming_loss",
          "hinge_loss",
          "log_loss",
          "mean_absolute_error",
          "mean_absolute_percentage_error",
          "mean_squared_error",
          "mean_squared_log_error",
          "median_absolute_error",
          "precision_score",
          "r2_score",
          "recall_score",
          "roc_auc_score",
          "zero_one_loss");

  private static final String DEFAULT_OBJECTIVE = "reg:squarederror";

  private XgboostModels() {}

  /** The eight model classes, each with its default objective and number of rounds. */
  static List<ModelDefinition> all() {
    return List.of(
        model("xgboost.gbtree", DEFAULT_OBJECTIVE, 10),
        model("xgboost.gblinear", DEFAULT_OBJECTIVE, 10),
        model("xgboost.dart", DEFAULT_OBJECTIVE, 10),
        model("XGBClassifier", "binary:logistic", 10),
        model("XGBRegressor", DEFAULT_OBJECTIVE, 10),
        // XGBoost's random forest grows num_parallel_tree trees in one round.
        model("XGBRFClassifier", "multi:softprob", 1),
        model("XGBRFRegressor", DEFAULT_OBJECTIVE, 1),
        model("XGBRanker", "rank:pairwise", 10));
  }

  /**
   * The objective a statement trains with: its own, else the model class's default, which the
   * resolver filled in (the runtime applies the same default, boosting.MODEL_CLASSES); Java needs
   * it to know whether the labels are classes.
   */
  static String objective(Map<String, Object> attributes) {
    return (String) attributes.get("objective");
  }

  static LabelKind labelKind(String objective) {
    return CLASS_OBJECTIVES.contains(objective) ? LabelKind.CLASS : LabelKind.REGRESSION;
  }

  /** How many classes the label may hold: num_class for multi:*, 2 for binary ones. */
  static long classCount(String objective, Map<String, Object> attributes) {
    return objective.startsWith("multi:") ? (Long) attributes.get("num_class") : 2L;
  }

  /** Rules between attributes: multi:* objectives need num_class, others refuse it. */
  static void checkCombination(ModelDefinition model, Map<String, Object> attributes)
      throws SqlflowException {
    String objective = objective(attributes);
    boolean multi = objective.startsWith("multi:");
    if (multi && attributes.get("num_class") == null) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "objective "
              + objective
              + " needs num_class (the number of classes), e.g. num_class = 3");
    }
    if (!multi && attributes.get("num_class") != null) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "num_class applies to the"
              + " multi:softmax and multi:softprob objectives, not "
              + objective);
    }
  }

  /**
   * Tree models read one numeric matrix (the runtime's matrix.py): numbers as they are, DENSE
   * values side by side, CATEGORY_ID ids as raw ids; nothing is learned from strings.
   */
  /** The feature kinds the runtime's tree-model matrix reads (docs/ml-contract.md section 4). */
  private static final Set<FeatureKind> TREE_KINDS =
      Set.of(
          FeatureKind.NUMERIC,
          FeatureKind.DENSE,
          FeatureKind.SPARSE,
          FeatureKind.CATEGORY_ID,
          FeatureKind.WEIGHTED_CATEGORY,
          // The bucket's index, as SQLFlow's XGBoost feature columns fed it (matrix.py).
          FeatureKind.BUCKET);

  static void checkFeatures(ModelDefinition model, Map<String, List<FeatureSpec>> features)
      throws SqlflowException {
    for (List<FeatureSpec> specs : features.values()) {
      for (FeatureSpec spec : specs) {
        // Nested kinds too: the matrix cannot hash, so WEIGHTED_CATEGORY(CATEGORY_HASH(...)) is
        // out.
        FeatureKind kind =
            spec.kinds().stream().filter(k -> !TREE_KINDS.contains(k)).findFirst().orElse(null);
        if (kind != null) {
          String column = String.join(", ", spec.inputColumns());
          throw new SqlflowException(
              ErrorCode.INVALID_ATTRIBUTE,
              model.name()
                  + " reads numeric"
                  + " columns, DENSE(...), SPARSE(...), CATEGORY_ID(...), WEIGHTED_CATEGORY(...) and"
                  + " BUCKET(...)"
                  + " as numbers; column "
                  + column
                  + (kind == FeatureKind.CATEGORY_VOCAB
                      ? " holds text: map it to numbers in the"
                          + " SELECT (e.g. CASE ... END AS "
                          + column
                          + "_id)"
                      : " is used as " + kind.contractName()));
        }
      }
    }
  }

  /**
   * Labels: numbers without NULL; class ids for class objectives, degrees for rank:*. A class
   * objective also takes class names (text), mapped to ids as the Keras classifiers' are.
   */
  static void checkLabel(
      String objective, Map<String, Object> attributes, SelectSample sample, SourceColumn label)
      throws SqlflowException {
    boolean classes = CLASS_OBJECTIVES.contains(objective);
    long count = classCount(objective, attributes);
    if (label.feedType() == FeedType.STRING && classes) {
      StringLabels.check(
          label,
          sample,
          count,
          objective.startsWith("multi:")
              ? "num_class = " + count
              : "objective " + objective + " takes 2");
      return;
    }
    if (label.feedType() != FeedType.FLOAT64) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          "label column '"
              + label.name()
              + "' must be numeric for objective "
              + objective
              + ", got "
              + label.typeName()
              + (label.feedType() == FeedType.STRING
                  ? "; class names need a class objective (binary:logistic, or multi:softprob"
                      + " with num_class)"
                  : ""));
    }
    for (Object value : sample.values(label.name())) {
      if (value == null) {
        throw new SqlflowException(
            ErrorCode.TYPE_MISMATCH, "label column '" + label.name() + "' is NULL in some rows");
      }
      double v = (Double) value;
      boolean whole = v == Math.rint(v) && v >= 0;
      if (classes && !(whole && v < count)) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "objective "
                + objective
                + " needs class ids 0.."
                + (count - 1)
                + " in label column '"
                + label.name()
                + "', found "
                + display(v)
                + (count == 2 && !objective.startsWith("multi:")
                    ? "; for more classes use objective=\"multi:softprob\" with num_class"
                    : ""));
      }
      if (objective.startsWith("rank:") && !whole) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "objective "
                + objective
                + " needs relevance degrees (integers >= 0) in label column '"
                + label.name()
                + "', found "
                + display(v));
      }
    }
  }

  private static String display(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** The booster parameters: the un-prefixed attributes the statement wrote. */
  static boolean isBoosterParameter(String key) {
    return !key.contains(".");
  }

  private static ModelDefinition model(String name, String objective, long rounds) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    attributes.add(
        AttributeDefinition.choice(
            "objective", objective, "the learning objective; multi:* need num_class", OBJECTIVES));
    attributes.add(
        new AttributeDefinition(
            "num_class",
            AttributeType.CLASS_COUNT,
            null,
            "number of classes for multi:softmax and multi:softprob"));
    attributes.add(
        new AttributeDefinition(
            "eval_metric",
            AttributeType.CHOICES,
            null,
            "metrics printed every round (default: the objective's own)",
            EVAL_METRICS));
    attributes.add(
        AttributeDefinition.choice(
            "booster", null, "gbtree, gblinear or dart", List.of("gbtree", "gblinear", "dart")));
    for (String key : List.of("eta", "learning_rate")) {
      attributes.add(number(key, AttributeType.FRACTION, "step size shrinkage (0.3)"));
    }
    for (String key : List.of("gamma", "min_split_loss")) {
      attributes.add(number(key, AttributeType.NON_NEGATIVE_NUMBER, "minimum loss reduction"));
    }
    attributes.add(number("max_depth", AttributeType.NON_NEGATIVE_INTEGER, "tree depth (6)"));
    attributes.add(
        number(
            "min_child_weight",
            AttributeType.NON_NEGATIVE_NUMBER,
            "minimum instance weight in a child"));
    attributes.add(
        number(
            "max_delta_step", AttributeType.NON_NEGATIVE_NUMBER, "maximum delta step of a leaf"));
    for (String key :
        List.of("subsample", "colsample_bytree", "colsample_bylevel", "colsample_bynode")) {
      attributes.add(number(key, AttributeType.POSITIVE_FRACTION, "sampled share"));
    }
    for (String key : List.of("lambda", "reg_lambda", "alpha", "reg_alpha")) {
      attributes.add(number(key, AttributeType.NON_NEGATIVE_NUMBER, "regularisation weight"));
    }
    attributes.add(
        AttributeDefinition.choice(
            "tree_method", null, "tree construction", List.of("auto", "exact", "approx", "hist")));
    attributes.add(
        number("scale_pos_weight", AttributeType.NON_NEGATIVE_NUMBER, "weight of positive labels"));
    attributes.add(number("max_leaves", AttributeType.NON_NEGATIVE_INTEGER, "leaves per tree"));
    attributes.add(number("max_bin", AttributeType.CLASS_COUNT, "histogram bins (hist)"));
    attributes.add(
        AttributeDefinition.choice(
            "grow_policy", null, "how trees grow", List.of("depthwise", "lossguide")));
    attributes.add(
        number(
            "num_parallel_tree",
            AttributeType.POSITIVE_INTEGER,
            "trees grown per round (a forest)"));
    attributes.add(number("base_score", AttributeType.NUMBER, "initial prediction"));
    for (String key : List.of("seed", "random_state")) {
      attributes.add(number(key, AttributeType.NON_NEGATIVE_INTEGER, "random seed"));
    }
    attributes.add(number("nthread", AttributeType.POSITIVE_INTEGER, "threads"));
    attributes.add(
        AttributeDefinition.choice(
            "sample_type", null, "dart: tree sampling", List.of("uniform", "weighted")));
    attributes.add(
        AttributeDefinition.choice(
            "normalize_type", null, "dart: normalisation", List.of("tree", "forest")));
    attributes.add(number("rate_drop", AttributeType.FRACTION, "dart: dropout rate"));
    attributes.add(number("skip_drop", AttributeType.FRACTION, "dart: skip probability"));
    attributes.add(number("one_drop", AttributeType.NON_NEGATIVE_INTEGER, "dart: drop one"));
    attributes.add(
        AttributeDefinition.choice(
            "updater", null, "gblinear: algorithm", List.of("shotgun", "coord_descent")));
    attributes.add(
        AttributeDefinition.choice(
            "feature_selector",
            null,
            "gblinear: ordering",
            List.of("cyclic", "shuffle", "random", "greedy", "thrifty")));
    attributes.add(number("top_k", AttributeType.NON_NEGATIVE_INTEGER, "gblinear: features"));
    attributes.add(
        number(
            "tweedie_variance_power",
            AttributeType.BETWEEN_ONE_AND_TWO,
            "reg:tweedie variance power"));
    attributes.add(
        number("huber_slope", AttributeType.POSITIVE_NUMBER, "reg:pseudohubererror slope"));
    attributes.add(
        new AttributeDefinition(
            "train.num_boost_round",
            AttributeType.POSITIVE_INTEGER,
            rounds,
            "boosting rounds (per batch and epoch)"));
    attributes.add(
        new AttributeDefinition(
            "train.batch_size",
            AttributeType.ALL_OR_POSITIVE_INTEGER,
            -1L,
            "rows per batch; -1 trains on all rows"));
    attributes.add(
        new AttributeDefinition(
            "train.epoch", AttributeType.POSITIVE_INTEGER, 1L, "passes over the batches"));
    attributes.add(
        new AttributeDefinition(
            "train.workers",
            AttributeType.POSITIVE_INTEGER,
            1L,
            "Ray workers boosting together, each on its share of the rows (more than 1 needs the"
                + " server's --ray-address)"));
    attributes.add(
        new AttributeDefinition(
            "train.num_workers",
            AttributeType.POSITIVE_INTEGER,
            1L,
            "SQLFlow's name for train.workers (its number of XGBoost processes)"));
    attributes.add(
        new AttributeDefinition(
            "train.disk_cache",
            AttributeType.BOOLEAN,
            false,
            "train from XGBoost's external memory"));
    attributes.add(
        new AttributeDefinition(
            "validation.select",
            AttributeType.SELECT,
            null,
            "a SELECT whose rows are evaluated every round (validate-... in the round lines)"));
    return new ModelDefinition(name, ModelFamily.XGBOOST, false, attributes);
  }

  private static AttributeDefinition number(String key, AttributeType type, String description) {
    return new AttributeDefinition(key, type, null, description);
  }
}
