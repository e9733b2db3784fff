package org.sqlflow.server.codegen;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.sqlflow.parser.OptimizeStatement;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.verify.EvaluationPlan;
import org.sqlflow.server.verify.ExplanationPlan;
import org.sqlflow.server.verify.FeatureSpec;
import org.sqlflow.server.verify.OptimizationPlan;
import org.sqlflow.server.verify.PredictionPlan;
import org.sqlflow.server.verify.TrainingPlan;
import org.sqlflow.server.verify.TrainingSettings;
import org.sqlflow.server.verify.XgboostSettings;

/**
 * Renders the Python programs of docs/ml-contract.md section 3 from the Velocity templates in
 * {@code codegen/}. Templates receive only strings already rendered by {@link PythonLiteral}, so
 * nothing from a statement reaches a program except as an inert literal.
 */
public final class ProgramGenerator {
  private final VelocityEngine engine;

  public ProgramGenerator() {
    Properties properties = new Properties();
    properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
    properties.setProperty(
        "resource.loader.classpath.class", ClasspathResourceLoader.class.getName());
    properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
    properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
    engine = new VelocityEngine(properties);
    engine.init();
  }

  public String train(TrainingPlan plan) {
    if (plan.settings() instanceof XgboostSettings xgboost) {
      return trainXgboost(plan, xgboost);
    }
    List<Map<String, Object>> targets = new ArrayList<>();
    plan.features()
        .forEach(
            (target, specs) -> {
              List<Object> fields =
                  new ArrayList<>(specs.stream().map(FeatureSpec::fields).toList());
              Map<String, Object> line = new LinkedHashMap<>();
              line.put("key", PythonLiteral.render(target));
              line.put("specs", fields.stream().map(PythonLiteral::render).toList());
              targets.add(line);
            });

    TrainingSettings settings = (TrainingSettings) plan.settings();
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("epochs", settings.epochs());
    train.put("batch_size", settings.batchSize());
    train.put("verbose", settings.verbose());
    train.put("seed", settings.seed().orElse(null));
    if (settings.workers() > 1) {
      train.put("workers", settings.workers());
    }
    Map<String, Object> validation = new LinkedHashMap<>();
    validation.put(
        "feed", settings.validationSelect().isPresent() ? JobFiles.VALIDATION_FEED : null);
    validation.put("metrics", settings.validationMetrics());

    VelocityContext context = new VelocityContext();
    context.put("targets", targets);
    context.put("label", PythonLiteral.render(plan.label().asMap()));
    context.put("modelClass", PythonLiteral.render(plan.model().name()));
    context.put("modelParams", PythonLiteral.render(settings.modelParams()));
    context.put("optimizer", PythonLiteral.render(settings.optimizer().asMap()));
    context.put(
        "linearOptimizer",
        PythonLiteral.render(settings.linearOptimizer().map(o -> o.asMap()).orElse(null)));
    context.put("train", PythonLiteral.render(train));
    context.put("validation", PythonLiteral.render(validation));
    context.put("metadata", PythonLiteral.render(metadata(plan)));
    context.put("trainFeed", PythonLiteral.render(JobFiles.TRAIN_FEED));
    context.put("modelDir", PythonLiteral.render(JobFiles.MODEL_DIR));
    context.put(
        "warmStart",
        PythonLiteral.render(
            plan.statement().usingModel().isPresent() ? JobFiles.WARM_START_DIR : null));
    // A fixed description of the model family, never statement text: continued lines stay comments.
    context.put("summary", plan.model().family().summary().replace("\n", "\n# "));
    return render("train.vm", context);
  }

  /**
   * train_xgboost.vm: PARAMS are the booster parameters the statement set (the runtime adds the
   * model class's defaults), TRAIN the train.* settings.
   */
  private String trainXgboost(TrainingPlan plan, XgboostSettings settings) {
    Map<String, Object> features = new LinkedHashMap<>();
    plan.features()
        .forEach(
            (target, specs) ->
                features.put(target, specs.stream().map(FeatureSpec::fields).toList()));
    Map<String, Object> train = new LinkedHashMap<>();
    train.put("num_boost_round", settings.numBoostRound());
    train.put("batch_size", settings.batchSize());
    train.put("epoch", settings.epoch());
    train.put("disk_cache", settings.diskCache());
    if (settings.workers() > 1) {
      train.put("workers", settings.workers());
    }
    VelocityContext context = new VelocityContext();
    context.put("features", PythonLiteral.render(features));
    context.put("label", PythonLiteral.render(plan.label().asMap()));
    context.put("modelClass", PythonLiteral.render(plan.model().name()));
    context.put("params", PythonLiteral.render(settings.params()));
    context.put("train", PythonLiteral.render(train));
    context.put(
        "validation",
        PythonLiteral.render(
            settings.validationSelect().isPresent()
                ? Map.of("feed", JobFiles.VALIDATION_FEED)
                : null));
    context.put("metadata", PythonLiteral.render(metadata(plan)));
    context.put("trainFeed", PythonLiteral.render(JobFiles.TRAIN_FEED));
    context.put("modelDir", PythonLiteral.render(JobFiles.MODEL_DIR));
    context.put(
        "warmStart",
        PythonLiteral.render(
            plan.statement().usingModel().isPresent() ? JobFiles.WARM_START_DIR : null));
    return render("train_xgboost.vm", context);
  }

  /** What metadata.json keeps besides the features: SHOW TRAIN, PREDICT and USING read it. */
  private static Map<String, Object> metadata(TrainingPlan plan) {
    List<Object> inputs = new ArrayList<>();
    for (SourceColumn column : plan.inputs()) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("name", column.name());
      input.put("type", column.feedType().contractName());
      inputs.add(input);
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("statement", plan.statement().original());
    metadata.put("model_class", plan.model().name());
    metadata.put("attributes", plan.attributes());
    // The template adds "features" (FEATURES) rather than repeating every vocabulary here.
    metadata.put("label", plan.label().asMap());
    metadata.put("feature_columns_in_select", inputs);
    return metadata;
  }

  public String predict(PredictionPlan plan) {
    VelocityContext context = storedModelContext();
    context.put("feed", PythonLiteral.render(JobFiles.PREDICT_FEED));
    context.put("output", PythonLiteral.render(JobFiles.PREDICTIONS));
    context.put("resultColumn", PythonLiteral.render(plan.outputs().resultColumn()));
    context.put("extraOutputs", PythonLiteral.render(plan.outputs().extraOutputs()));
    return render(plan.isXgboost() ? "predict_xgboost.vm" : "predict.vm", context);
  }

  public String evaluate(EvaluationPlan plan) {
    VelocityContext context = storedModelContext();
    context.put("feed", PythonLiteral.render(JobFiles.PREDICT_FEED));
    context.put("labelColumn", PythonLiteral.render(plan.labelColumn()));
    context.put("metrics", PythonLiteral.render(plan.metrics()));
    context.put("output", PythonLiteral.render(JobFiles.METRICS));
    return render(plan.isXgboost() ? "evaluate_xgboost.vm" : "evaluate.vm", context);
  }

  public String explain(ExplanationPlan plan) {
    VelocityContext context = storedModelContext();
    context.put("feed", PythonLiteral.render(JobFiles.PREDICT_FEED));
    context.put("output", PythonLiteral.render(JobFiles.EXPLANATION));
    if (plan.isPermutationImportance()) {
      return render("explain.vm", context);
    }
    context.put("output", PythonLiteral.render(JobFiles.EXPLANATION_TABLE));
    context.put("explainer", PythonLiteral.render(plan.explainer()));
    context.put("summary", PythonLiteral.render(plan.summary()));
    context.put("labelCol", PythonLiteral.render(plan.labelColumn().orElse(null)));
    context.put("plot", PythonLiteral.render(JobFiles.SUMMARY_PLOT));
    return render("explain_shap.vm", context);
  }

  /** TO MAXIMIZE / TO MINIMIZE: the expressions go in as the user's text, in string literals. */
  public String optimize(OptimizationPlan plan) {
    OptimizeStatement statement = plan.statement();
    List<Map<String, Object>> constraints = new ArrayList<>();
    for (OptimizeStatement.Constraint constraint : statement.constraints()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("expression", constraint.expression().text());
      entry.put("group_by", constraint.groupBy().orElse(null));
      constraints.add(entry);
    }
    VelocityContext context = new VelocityContext();
    context.put("sense", PythonLiteral.render(statement.sense().runtimeName()));
    context.put("objective", PythonLiteral.render(statement.objective().text()));
    context.put("constraints", PythonLiteral.render(constraints));
    context.put("variables", PythonLiteral.render(plan.variables()));
    context.put("varType", PythonLiteral.render(plan.varType()));
    context.put("solver", PythonLiteral.render(plan.solver().orElse(null)));
    context.put("feed", PythonLiteral.render(JobFiles.OPTIMIZE_FEED));
    context.put("output", PythonLiteral.render(JobFiles.OPTIMIZATION));
    return render("optimize.vm", context);
  }

  private static VelocityContext storedModelContext() {
    VelocityContext context = new VelocityContext();
    context.put("modelDir", PythonLiteral.render(JobFiles.MODEL_DIR));
    return context;
  }

  private String render(String template, VelocityContext context) {
    Template loaded = engine.getTemplate("codegen/" + template, "UTF-8");
    StringWriter out = new StringWriter();
    loaded.merge(context, out);
    return out.toString();
  }
}
