package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlflow.parser.ColumnExpr;
import org.sqlflow.parser.EvaluateStatement;
import org.sqlflow.parser.ExplainStatement;
import org.sqlflow.parser.PredictStatement;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.contract.LabelKind;
import org.sqlflow.server.contract.Metrics;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.db.Tables;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.ModelMetadata;
import org.sqlflow.server.model.ModelStore;

/**
 * Checks an extended statement against the backing database before any job starts: runs its SELECT
 * on a sample, resolves attributes and features, loads the model's metadata, and returns an
 * immutable plan, or throws a {@link SqlflowException} that says what to fix.
 */
public final class Verifier {
  private final ModelStore store;
  private final SelectSampler sampler;
  private final boolean rayCluster;

  /** A verifier for a server whose jobs run as local processes. */
  public Verifier(ModelStore store, SelectSampler sampler) {
    this(store, sampler, false);
  }

  /**
   * @param rayCluster whether jobs run on a Ray cluster, which {@code train.workers > 1} needs
   */
  public Verifier(ModelStore store, SelectSampler sampler, boolean rayCluster) {
    this.store = requireNonNull(store, "store");
    this.sampler = requireNonNull(sampler, "sampler");
    this.rayCluster = rayCluster;
  }

  public TrainingPlan verifyTrain(TrainStatement statement, ConnectionSource db)
      throws SqlflowException {
    ModelDefinition model = ModelRegistry.find(statement.modelClass());
    Map<String, Object> attributes =
        AttributeResolver.resolve(model.name(), model.attributes(), statement.attributes());
    if (!Long.valueOf(1L).equals(attributes.get("model.label_dimension"))
        && attributes.containsKey("model.label_dimension")) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE, "model.label_dimension other than 1 is not supported yet");
    }
    checkModelName(statement.into());
    String labelColumn =
        statement
            .label()
            .orElseThrow(
                () ->
                    new SqlflowException(
                        ErrorCode.INVALID_ATTRIBUTE, model.name() + " needs a LABEL clause"));

    SelectSample sample = nonEmpty(sampler.sample(db, statement.select(), "the SELECT"));
    SourceColumn label =
        sample
            .column(labelColumn)
            .orElseThrow(
                () ->
                    new SqlflowException(
                        ErrorCode.UNKNOWN_COLUMN,
                        "unknown label column '"
                            + labelColumn
                            + "'; the SELECT has "
                            + names(sample.columns())));
    FeatureBuilder.checkedName(label);
    Map<String, List<FeatureSpec>> features = features(statement, model, sample, labelColumn);
    LabelKind labelKind = model.labelKind();
    if (model.family() == ModelFamily.XGBOOST) {
      XgboostModels.checkCombination(model, attributes);
      String objective = XgboostModels.objective(attributes);
      labelKind = XgboostModels.labelKind(objective);
      XgboostModels.checkFeatures(model, features);
      XgboostModels.checkLabel(objective, attributes, sample, label);
    } else {
      checkLabel(model, attributes, sample, label);
    }
    List<SourceColumn> inputs = inputs(sample, features);
    if (attributes.get("validation.select") instanceof String validation) {
      SelectSample validationSample = nonEmpty(sampler.sample(db, validation, "validation.select"));
      List<SourceColumn> needed = new ArrayList<>(inputs);
      needed.add(label);
      for (SourceColumn column : needed) {
        provides(validationSample, column.name(), column.feedType(), "validation.select");
      }
    }
    if (statement.usingModel().isPresent()) {
      checkWarmStart(statement.usingModel().get(), db, model, labelColumn, inputs);
    }
    ModelSettings settings =
        model.family() == ModelFamily.XGBOOST
            ? XgboostSettings.of(attributes)
            : TrainingSettings.of(model.family(), attributes);
    if (settings instanceof TrainingSettings keras) {
      TrainWorkers.check(keras.workers(), rayCluster);
    } else if (settings instanceof XgboostSettings boosting) {
      TrainWorkers.checkBoosting(boosting, rayCluster);
    }
    return new TrainingPlan(
        statement,
        model,
        settings,
        attributes,
        features,
        new LabelSpec(labelColumn, labelKind),
        sample.columns(),
        inputs);
  }

  public PredictionPlan verifyPredict(PredictStatement statement, ConnectionSource db)
      throws SqlflowException {
    checkTableName(statement.resultTable());
    ModelMetadata model = metadata(db, statement.model());
    PredictionOutputs outputs = PredictionOutputs.resolve(statement, model, db);
    FeatureBuilder.checkColumnName(outputs.resultColumn());
    SelectSample sample = nonEmpty(sampler.sample(db, statement.select(), "the SELECT"));
    checkInputs(model, sample, statement.model());
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < sample.columns().size(); i++) {
      String name = sample.columns().get(i).name();
      if (name.equals(model.labelColumn())
          || name.equalsIgnoreCase(outputs.resultColumn())
          || outputs.extraOutputs().stream().anyMatch(name::equalsIgnoreCase)) {
        continue;
      }
      FeatureBuilder.checkColumnName(name);
      kept.add(i);
    }
    return new PredictionPlan(statement, model, sample.columns(), kept, outputs);
  }

  public EvaluationPlan verifyEvaluate(EvaluateStatement statement, ConnectionSource db)
      throws SqlflowException {
    checkTableName(statement.into());
    ModelMetadata model = metadata(db, statement.model());
    AttributeDefinition metrics =
        model.isXgboost()
            ? new AttributeDefinition(
                "validation.metrics",
                AttributeType.CHOICES,
                List.of(model.isClassifier() ? "accuracy_score" : "mean_squared_error"),
                "scikit-learn metrics to compute besides the loss",
                XgboostModels.EVALUATION_METRICS)
            : new AttributeDefinition(
                "validation.metrics",
                AttributeType.METRICS,
                Metrics.defaultsFor(model.labelKind()),
                "metrics to compute besides the loss");
    Map<String, Object> attributes =
        AttributeResolver.resolve("EVALUATE", List.of(metrics), statement.attributes());
    if (!statement.label().equals(model.labelColumn())) {
      throw new SqlflowException(
          ErrorCode.UNKNOWN_COLUMN,
          "model "
              + statement.model()
              + " was trained with label '"
              + model.labelColumn()
              + "', not '"
              + statement.label()
              + "'");
    }
    SelectSample sample = nonEmpty(sampler.sample(db, statement.select(), "the SELECT"));
    checkInputs(model, sample, statement.model());
    provides(sample, statement.label(), model.labelFeedType(), "the SELECT");
    @SuppressWarnings("unchecked")
    List<String> names = (List<String>) attributes.get("validation.metrics");
    return new EvaluationPlan(statement, model, statement.label(), names);
  }

  public ExplanationPlan verifyExplain(ExplainStatement statement, ConnectionSource db)
      throws SqlflowException {
    if (statement.into().isPresent()) {
      checkTableName(statement.into().get());
    }
    ModelMetadata model = metadata(db, statement.model());
    String explainer = Explainers.resolve(statement.explainer(), model);
    Map<String, Object> attributes =
        AttributeResolver.resolve(
            explainer, Explainers.attributes(explainer), statement.attributes());
    SelectSample sample = nonEmpty(sampler.sample(db, statement.select(), "the SELECT"));
    checkInputs(model, sample, statement.model());
    if (explainer.equals(Explainers.PERMUTATION)) {
      // Permutation importance measures how much the loss grows: it needs the label.
      provides(sample, model.labelColumn(), model.labelFeedType(), "the SELECT");
    }
    Optional<String> labelColumn = Optional.ofNullable((String) attributes.get("label_col"));
    if (labelColumn.isPresent()) {
      String column = labelColumn.get();
      if (sample.column(column).isEmpty()) {
        throw new SqlflowException(
            ErrorCode.UNKNOWN_COLUMN,
            "label_col '"
                + column
                + "' is not a column of the SELECT; it has "
                + names(sample.columns()));
      }
      if (model.inputs().stream().anyMatch(i -> i.name().equals(column))) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "label_col '"
                + column
                + "' is a feature of model "
                + statement.model()
                + ", not its label");
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    attributes.forEach(
        (key, value) -> {
          if (value != null && key.startsWith("summary.")) {
            summary.put(key.substring("summary.".length()), value);
          }
        });
    ExplanationPlan plan = new ExplanationPlan(statement, model, explainer, summary, labelColumn);
    if (plan.plotTable().isPresent()) {
      checkTableName(plan.plotTable().get());
    }
    return plan;
  }

  private Map<String, List<FeatureSpec>> features(
      TrainStatement statement, ModelDefinition model, SelectSample sample, String label)
      throws SqlflowException {
    FeatureBuilder builder = new FeatureBuilder(sample);
    List<String> targets = model.family().featureTargets();
    Map<String, List<FeatureSpec>> features = new LinkedHashMap<>();
    if (statement.columns().isEmpty()) {
      for (String target : targets) {
        features.put(target, builder.deriveAll(feedsDnn(model, target), label));
      }
      return features;
    }
    for (Map.Entry<String, List<ColumnExpr>> clause : statement.columns().entrySet()) {
      String target = clause.getKey();
      if (!targets.contains(target)) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            model.name()
                + (target.equals(TrainStatement.DEFAULT_COLUMN_TARGET)
                    ? " needs COLUMN ... FOR " + String.join(" or FOR ", targets)
                    : " has no feature target '"
                        + target
                        + "'; use "
                        + String.join(" or ", targets)));
      }
      List<FeatureSpec> specs = builder.build(clause.getValue(), feedsDnn(model, target), label);
      if (model.family() != ModelFamily.XGBOOST) {
        KerasFeatureForms.check(model, target, feedsDnn(model, target), specs);
      }
      features.put(target, specs);
    }
    for (String target : targets) {
      features.putIfAbsent(target, List.of());
    }
    return features;
  }

  /** Whether a target's derived string features need a dense encoding (DNN layers). */
  private static boolean feedsDnn(ModelDefinition model, String target) {
    return model.family() == ModelFamily.DNN || target.equals("dnn_feature_columns");
  }

  private static List<SourceColumn> inputs(
      SelectSample sample, Map<String, List<FeatureSpec>> features) {
    Set<String> used = new LinkedHashSet<>();
    features.values().forEach(specs -> specs.forEach(s -> used.addAll(s.inputColumns())));
    return sample.columns().stream().filter(c -> used.contains(c.name())).toList();
  }

  private static void checkLabel(
      ModelDefinition model,
      Map<String, Object> attributes,
      SelectSample sample,
      SourceColumn label)
      throws SqlflowException {
    if (model.classifier() && label.feedType() == FeedType.STRING) {
      long classes = (Long) attributes.get("model.n_classes");
      StringLabels.check(label, sample, classes, "model.n_classes = " + classes);
      return;
    }
    if (label.feedType() != FeedType.FLOAT64) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          "label column '"
              + label.name()
              + "' must be numeric"
              + (model.classifier() ? " (class ids 0..n_classes-1)" : "")
              + ", got "
              + label.typeName());
    }
    for (Object value : sample.values(label.name())) {
      if (value == null) {
        throw new SqlflowException(
            ErrorCode.TYPE_MISMATCH, "label column '" + label.name() + "' is NULL in some rows");
      }
      if (!model.classifier()) {
        continue;
      }
      long classes = (Long) attributes.get("model.n_classes");
      double id = (Double) value;
      if (id != Math.rint(id) || id < 0 || id >= classes) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "label column '"
                + label.name()
                + "' holds "
                + display(id)
                + ", but class ids must be integers in 0.."
                + (classes - 1)
                + " (model.n_classes = "
                + classes
                + ")");
      }
    }
  }

  /**
   * TRAIN ... USING m continues training m: it must be the same model class, with the same label,
   * reading the same columns with the same types.
   */
  private void checkWarmStart(
      String name,
      ConnectionSource db,
      ModelDefinition model,
      String labelColumn,
      List<SourceColumn> inputs)
      throws SqlflowException {
    ModelMetadata stored = metadata(db, name);
    if (!stored.modelClass().equals(model.name())) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          "USING "
              + name
              + ": it is a "
              + stored.modelClass()
              + ", this statement trains a "
              + model.name());
    }
    if (!stored.labelColumn().equals(labelColumn)) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          "USING "
              + name
              + ": it was trained with label '"
              + stored.labelColumn()
              + "', not '"
              + labelColumn
              + "'");
    }
    List<ModelMetadata.InputColumn> wanted = new ArrayList<>();
    for (SourceColumn input : inputs) {
      wanted.add(new ModelMetadata.InputColumn(input.name(), input.feedType()));
    }
    if (!stored.inputs().equals(wanted)) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          "USING "
              + name
              + ": it reads "
              + describe(stored.inputs())
              + ", this statement's features read "
              + describe(wanted));
    }
  }

  private static String describe(List<ModelMetadata.InputColumn> columns) {
    List<String> parts = new ArrayList<>();
    for (ModelMetadata.InputColumn column : columns) {
      parts.add(column.name() + " (" + column.type().contractName() + ")");
    }
    return String.join(", ", parts);
  }

  private ModelMetadata metadata(ConnectionSource db, String name) throws SqlflowException {
    checkModelName(name);
    try {
      return store.metadata(db, name);
    } catch (SQLException e) {
      throw new SqlflowException(
          ErrorCode.UNKNOWN_MODEL, "cannot read model " + name + ": " + e.getMessage(), e);
    }
  }

  private static void checkInputs(ModelMetadata model, SelectSample sample, String modelName)
      throws SqlflowException {
    for (ModelMetadata.InputColumn input : model.inputs()) {
      provides(
          sample,
          input.name(),
          input.type(),
          "the SELECT (model " + modelName + " was trained on it)");
    }
  }

  private static void provides(SelectSample sample, String column, FeedType type, String where)
      throws SqlflowException {
    SourceColumn found =
        sample
            .column(column)
            .orElseThrow(
                () ->
                    new SqlflowException(
                        ErrorCode.UNKNOWN_COLUMN,
                        "column '" + column + "' is missing from " + where));
    if (found.feedType() != type) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          "column '"
              + column
              + "' in "
              + where
              + " must be "
              + (type == FeedType.FLOAT64 ? "numeric" : "text")
              + ", got "
              + found.typeName());
    }
  }

  private static SelectSample nonEmpty(SelectSample sample) throws SqlflowException {
    if (sample.rows().isEmpty()) {
      throw new SqlflowException(ErrorCode.EMPTY_DATA, "the SELECT returned no rows");
    }
    return sample;
  }

  private static void checkModelName(String name) throws SqlflowException {
    checkTableName(name);
  }

  private static void checkTableName(String name) throws SqlflowException {
    Tables.parseName(name);
  }

  private static String names(List<SourceColumn> columns) {
    return String.join(", ", columns.stream().map(SourceColumn::name).toList());
  }

  private static String display(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
