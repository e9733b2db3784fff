package org.sqlflow.server.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.server.contract.LabelKind;
import org.sqlflow.server.contract.Metrics;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/** The model classes SQLFlow can train, with the attributes each accepts. */
public final class ModelRegistry {
  /** Attributes every model accepts. */
  private static final List<AttributeDefinition> COMMON =
      List.of(
          new AttributeDefinition(
              "train.epoch", AttributeType.POSITIVE_INTEGER, 1L, "passes over the training data"),
          // Small data is the common case of a SQL statement; 8 converges on iris in 10 epochs
          // (measured: 0.93-0.98 test accuracy over seeds, where 32 gave 0.78-0.88).
          new AttributeDefinition(
              "train.batch_size", AttributeType.POSITIVE_INTEGER, 8L, "rows per training step"),
          new AttributeDefinition(
              "train.verbose",
              AttributeType.NON_NEGATIVE_INTEGER,
              0L,
              "Keras verbosity; epoch lines are printed regardless"),
          new AttributeDefinition(
              "train.workers",
              AttributeType.POSITIVE_INTEGER,
              1L,
              "Ray workers training data-parallel (more than 1 needs the server's --ray-address)"),
          new AttributeDefinition(
              "train.seed",
              AttributeType.NON_NEGATIVE_INTEGER,
              null,
              "random seed for reproducible runs"),
          new AttributeDefinition(
              "validation.select",
              AttributeType.SELECT,
              null,
              "a SELECT whose rows validate the model after every epoch"));

  private static final List<ModelDefinition> KERAS_MODELS =
      List.of(
          model(
              "DNNClassifier",
              ModelFamily.DNN,
              true,
              nClasses(),
              hiddenUnits("model.hidden_units")),
          model(
              "DNNRegressor",
              ModelFamily.DNN,
              false,
              labelDimension(),
              hiddenUnits("model.hidden_units")),
          model("LinearClassifier", ModelFamily.LINEAR, true, nClasses()),
          model("LinearRegressor", ModelFamily.LINEAR, false, labelDimension()),
          model(
              "DNNLinearCombinedClassifier",
              ModelFamily.DNN_LINEAR_COMBINED,
              true,
              nClasses(),
              hiddenUnits("model.dnn_hidden_units")),
          model(
              "DNNLinearCombinedRegressor",
              ModelFamily.DNN_LINEAR_COMBINED,
              false,
              labelDimension(),
              hiddenUnits("model.dnn_hidden_units")));
  private static final List<ModelDefinition> MODELS =
      java.util.stream.Stream.concat(KERAS_MODELS.stream(), XgboostModels.all().stream()).toList();

  private static final String ZOO_PREFIX = "sqlflow_models.";

  /**
   * Names from SQLFlow's model zoo that are one of our classes: the zoo's DNNClassifier is the
   * Keras network our DNNClassifier is (dense hidden layers, one output per class), with the same
   * model.n_classes and model.hidden_units; SQLFlow's end-to-end cases train it by that name.
   */
  private static final Map<String, String> ZOO_ALIASES =
      Map.of(ZOO_PREFIX + "dnnclassifier", "DNNClassifier");

  private ModelRegistry() {}

  private static List<String> names() {
    return MODELS.stream().map(ModelDefinition::name).toList();
  }

  /** The model class named {@code name} (any case, optional {@code tf.estimator.} prefix). */
  public static ModelDefinition find(String name) throws SqlflowException {
    String bare =
        name.startsWith("tf.estimator.") ? name.substring("tf.estimator.".length()) : name;
    String modelClass = ZOO_ALIASES.getOrDefault(bare.toLowerCase(Locale.ROOT), bare);
    Optional<ModelDefinition> found =
        MODELS.stream().filter(m -> m.name().equalsIgnoreCase(modelClass)).findFirst();
    if (found.isEmpty()) {
      String zoo =
          bare.toLowerCase(Locale.ROOT).startsWith(ZOO_PREFIX)
              ? ": a model of SQLFlow's model zoo (the sqlflow-models package), which this"
                  + " server does not provide"
              : "";
      throw new SqlflowException(
          ErrorCode.UNKNOWN_MODEL,
          "unknown model class '"
              + name
              + "'"
              + zoo
              + "; known model classes: "
              + String.join(", ", names()));
    }
    return found.get();
  }

  private static ModelDefinition model(
      String name, ModelFamily family, boolean classifier, AttributeDefinition... own) {
    List<AttributeDefinition> attributes = new ArrayList<>(List.of(own));
    // None means the model class default: Adagrad (learning rate 0.1) for DNN and combined
    // models, Ftrl (0.5) for linear ones; a combined model's parts may each have their own.
    attributes.addAll(KerasOptimizers.definitions("optimizer", "the model"));
    if (family == ModelFamily.DNN_LINEAR_COMBINED) {
      attributes.addAll(KerasOptimizers.definitions("dnn_optimizer", "the DNN part"));
      attributes.addAll(KerasOptimizers.definitions("linear_optimizer", "the linear part"));
    }
    attributes.addAll(COMMON);
    attributes.add(
        new AttributeDefinition(
            "validation.metrics",
            AttributeType.METRICS,
            Metrics.defaultsFor(classifier ? LabelKind.CLASS : LabelKind.REGRESSION),
            "metrics reported on the validation data"));
    return new ModelDefinition(name, family, classifier, attributes);
  }

  private static AttributeDefinition nClasses() {
    return new AttributeDefinition(
        "model.n_classes",
        AttributeType.CLASS_COUNT,
        2L,
        "number of classes; labels are class ids 0..n_classes-1");
  }

  private static AttributeDefinition labelDimension() {
    return new AttributeDefinition(
        "model.label_dimension",
        AttributeType.POSITIVE_INTEGER,
        1L,
        "number of regression targets per row");
  }

  private static AttributeDefinition hiddenUnits(String key) {
    return new AttributeDefinition(
        key, AttributeType.POSITIVE_INTEGER_LIST, List.of(10L, 10L), "sizes of the hidden layers");
  }
}
