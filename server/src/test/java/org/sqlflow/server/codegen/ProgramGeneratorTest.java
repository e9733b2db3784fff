package org.sqlflow.server.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sqlflow.server.verify.Statements.col;
import static org.sqlflow.server.verify.Statements.list;
import static org.sqlflow.server.verify.Statements.num;
import static org.sqlflow.server.verify.Statements.str;
import static org.sqlflow.server.verify.Statements.train;
import static org.sqlflow.server.verify.Statements.with;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.parser.Attributes;
import org.sqlflow.parser.EvaluateStatement;
import org.sqlflow.parser.ExplainStatement;
import org.sqlflow.parser.PredictStatement;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.model.H2Source;
import org.sqlflow.server.model.ModelStore;
import org.sqlflow.server.verify.SelectSampler;
import org.sqlflow.server.verify.TrainingPlan;
import org.sqlflow.server.verify.Verifier;

class ProgramGeneratorTest {
  private H2Source db;
  private Verifier verifier;
  private final ProgramGenerator generator = new ProgramGenerator();
  private final ModelStore store = new ModelStore();

  @BeforeEach
  void open() throws Exception {
    db = new H2Source();
    db.execute(
        "CREATE SCHEMA t",
        "CREATE TABLE t.d (x DOUBLE, s VARCHAR(40), label INT)",
        "INSERT INTO t.d VALUES (1.5, 'a''b\"c', 0), (2.5, 'x\n#y\\z''''''', 1)");
    verifier = new Verifier(store, new SelectSampler(100));
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void dnnTrainingProgramHasTheContractsShape(@TempDir Path dir) throws Exception {
    TrainingPlan plan =
        verifier.verifyTrain(
            train(
                "SELECT * FROM t.d",
                "DNNClassifier",
                with(
                    "model.hidden_units",
                    list(num("10"), num("20")),
                    "train.epoch",
                    num("3"),
                    "train.seed",
                    num("42")),
                List.of(col("x"), col("s")),
                "label",
                "m"),
            db);
    String program = generator.train(plan);
    assertTrue(program.contains("MODEL_CLASS = \"DNNClassifier\"\n"), program);
    assertTrue(
        program.contains("MODEL_PARAMS = {\"n_classes\": 2, \"hidden_units\": [10, 20]}\n"),
        program);
    assertTrue(program.contains("OPTIMIZER = {\"name\": None}\n"), program);
    assertTrue(program.contains("LINEAR_OPTIMIZER = None\n"), program);
    assertTrue(
        program.contains(
            "TRAIN = {\"epochs\": 3, \"batch_size\": 8, \"verbose\": 0, \"seed\": 42}\n"));
    assertTrue(program.contains("VALIDATION = {\"feed\": None, \"metrics\": [\"Accuracy\"]}\n"));
    assertTrue(program.contains("LABEL = {\"column\": \"label\", \"kind\": \"class\"}\n"));
    assertTrue(
        program.contains("        {\"kind\": \"numeric\", \"column\": \"x\", \"shape\": [1]},\n"));
    assertTrue(program.contains("\"vocabulary\": [\"a'b\\\"c\", \"x\\n#y\\\\z'''\"]"), program);
    assertTrue(program.contains("data = feed.read(\"train\")\n"));
    assertTrue(program.contains("store.save(\"model\", model, METADATA, metrics)"));
    Path file = PythonChecks.write(dir, "program.py", program);
    assertEquals(
        "FEATURES LABEL MODEL_CLASS MODEL_PARAMS OPTIMIZER LINEAR_OPTIMIZER TRAIN VALIDATION"
            + " WARM_START METADATA",
        PythonChecks.checkLiteralSection(file));
  }

  @Test
  void moreThanOneWorkerTrainsThroughTheDistributedRuntime(@TempDir Path dir) throws Exception {
    Verifier onRay = new Verifier(store, new SelectSampler(100), true);
    String program =
        generator.train(
            onRay.verifyTrain(
                train(
                    "SELECT * FROM t.d",
                    "DNNClassifier",
                    with("train.workers", num("2"), "train.seed", num("42")),
                    List.of(col("x")),
                    "label",
                    "m"),
                db));
    assertTrue(
        program.contains(
            "TRAIN = {\"epochs\": 1, \"batch_size\": 8, \"verbose\": 0, \"seed\": 42,"
                + " \"workers\": 2}\n"),
        program);
    // The program itself picks the distributed runtime when TRAIN names more than one worker,
    // as the XGBoost program does: the templates have no Velocity branches.
    assertTrue(
        program.contains(
            "if TRAIN.get(\"workers\", 1) > 1:\n"
                + "    # Data-parallel over TRAIN[\"workers\"] Ray workers"),
        program);
    assertTrue(program.contains("    from sqlflow_runtime import distributed\n"), program);
    assertTrue(
        program.contains(
            "    metrics = distributed.fit(MODEL_CLASS, FEATURES, LABEL, MODEL_PARAMS, OPTIMIZER,"
                + " \"train\", TRAIN,\n                              VALIDATION, METADATA,"
                + " \"model\", WARM_START)"),
        program);
    assertFalse(program.contains("#if") || program.contains("#end"), program);
    PythonChecks.checkLiteralSection(PythonChecks.write(dir, "program.py", program));
  }

  @Test
  void xgboostOnMoreThanOneWorkerBoostsThroughTheDistributedRuntime(@TempDir Path dir)
      throws Exception {
    Verifier onRay = new Verifier(store, new SelectSampler(100), true);
    String program =
        generator.train(
            onRay.verifyTrain(
                train(
                    "SELECT * FROM t.d",
                    "xgboost.gbtree",
                    with("train.workers", num("2")),
                    List.of(col("x")),
                    "label",
                    "m"),
                db));
    assertTrue(program.contains("\"workers\": 2}\n"), program);
    // As for Keras models, the program itself picks the distributed runtime.
    assertTrue(
        program.contains(
            "if TRAIN.get(\"workers\", 1) > 1:\n"
                + "    # Boosted together by TRAIN[\"workers\"] Ray workers"),
        program);
    assertTrue(
        program.contains(
            "    metrics = distributed.boost(MODEL_CLASS, FEATURES, LABEL, PARAMS, \"train\", TRAIN,"
                + " VALIDATION,\n                                METADATA, \"model\", WARM_START)"),
        program);
    PythonChecks.checkLiteralSection(PythonChecks.write(dir, "program.py", program));
  }

  @Test
  void oneTrainingTemplateSaysWhichFamilyItTrains() throws Exception {
    java.util.Map<String, String> firstLines =
        java.util.Map.of(
            "DNNRegressor",
                "# Generated by SQLFlow: trains a deep neural network (Dense layers of"
                    + " model.hidden_units).\n",
            "LinearRegressor",
                "# Generated by SQLFlow: trains a linear model (one Dense layer over"
                    + " all features).\n",
            "DNNLinearCombinedRegressor",
                "# Generated by SQLFlow: trains a wide-and-deep model: a"
                    + " linear part over linear_feature_columns plus a\n# deep part (Dense layers of"
                    + " model.dnn_hidden_units) over dnn_feature_columns.\n# Every value below");
    for (var family : firstLines.entrySet()) {
      TrainStatement statement =
          new TrainStatement(
              "s",
              "SELECT * FROM t.d",
              family.getKey(),
              Attributes.EMPTY,
              java.util.Map.of(),
              Optional.of("label"),
              Optional.empty(),
              "m");
      String program = generator.train(verifier.verifyTrain(statement, db));
      assertTrue(program.startsWith(family.getValue()), program);
    }
  }

  @Test
  void everyFamilyAndStoredModelProgramParses(@TempDir Path dir) throws Exception {
    for (String modelClass : List.of("LinearRegressor", "DNNLinearCombinedClassifier")) {
      TrainStatement statement =
          new TrainStatement(
              "s",
              "SELECT * FROM t.d",
              modelClass,
              Attributes.EMPTY,
              java.util.Map.of(),
              Optional.of("label"),
              Optional.empty(),
              "m");
      Path file =
          PythonChecks.write(
              dir, modelClass + ".py", generator.train(verifier.verifyTrain(statement, db)));
      assertTrue(PythonChecks.checkLiteralSection(file).startsWith("FEATURES LABEL"));
    }
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(
        model.resolve("metadata.json"),
        "{\"statement\": \"s\", \"model_class\":"
            + " \"DNNClassifier\", \"label\": {\"column\": \"label\", \"kind\": \"class\"},"
            + " \"feature_columns_in_select\": [{\"name\": \"x\", \"type\": \"float64\"}]}");
    store.save(db, "m", model, CancellationCheck.NEVER);
    String predict =
        generator.predict(
            verifier.verifyPredict(
                new PredictStatement(
                    "p", "SELECT * FROM t.d", "t.out", "label", Attributes.EMPTY, "m"),
                db));
    assertTrue(
        predict.contains(
            "training.predict(model, meta, data, \"predictions.result\", RESULT_COLUMN,"
                + " EXTRA_OUTPUTS)"));
    assertTrue(predict.contains("RESULT_COLUMN = \"label\"\nEXTRA_OUTPUTS = []\n"), predict);
    String evaluate =
        generator.evaluate(
            verifier.verifyEvaluate(
                new EvaluateStatement(
                    "e", "SELECT * FROM t.d", "m", Attributes.EMPTY, "label", "t.ev"),
                db));
    assertTrue(evaluate.contains("METRICS = [\"Accuracy\"]"));
    String explain =
        generator.explain(
            verifier.verifyExplain(
                new ExplainStatement(
                    "x",
                    "SELECT * FROM t.d",
                    "m",
                    Attributes.EMPTY,
                    Optional.empty(),
                    Optional.empty()),
                db));
    for (String program : List.of(predict, evaluate, explain)) {
      PythonChecks.checkLiteralSection(PythonChecks.write(dir, "p.py", program));
    }
  }

  @Test
  void xgboostProgramPassesOnlyTheWrittenBoosterParameters(@TempDir Path dir) throws Exception {
    TrainingPlan plan =
        verifier.verifyTrain(
            train(
                "SELECT * FROM t.d",
                "XGBRegressor",
                with(
                    "eta",
                    num("0.25"),
                    "max_depth",
                    num("3"),
                    "train.num_boost_round",
                    num("7"),
                    "eval_metric",
                    str("rmse,mae")),
                List.of(col("x")),
                "label",
                "m"),
            db);
    String program = generator.train(plan);
    assertTrue(program.contains("MODEL_CLASS = \"XGBRegressor\"\n"), program);
    assertTrue(
        program.contains(
            "PARAMS = {\"objective\": \"reg:squarederror\","
                + " \"eval_metric\": [\"rmse\", \"mae\"], \"eta\": 0.25, \"max_depth\": 3}\n"),
        program);
    assertTrue(
        program.contains(
            "TRAIN = {\"num_boost_round\": 7, \"batch_size\": -1,"
                + " \"epoch\": 1, \"disk_cache\": False}\n"),
        program);
    assertTrue(
        program.contains(
            "FEATURES = {\"feature_columns\": [{\"kind\": \"numeric\","
                + " \"column\": \"x\", \"shape\": [1]}]}\n"),
        program);
    assertTrue(program.contains("LABEL = {\"column\": \"label\", \"kind\": \"regression\"}"));
    assertTrue(program.contains("VALIDATION = None\n"));
    Path file = PythonChecks.write(dir, "program.py", program);
    assertEquals(
        "FEATURES LABEL MODEL_CLASS PARAMS TRAIN VALIDATION WARM_START METADATA",
        PythonChecks.checkLiteralSection(file));
  }

  @Test
  void storedXgboostModelsGetTheXgboostProgramsAndShapByDefault(@TempDir Path dir)
      throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(
        model.resolve("metadata.json"),
        "{\"statement\": \"s\", \"model_class\":"
            + " \"XGBRegressor\", \"framework\": \"xgboost\", \"label\": {\"column\": \"label\","
            + " \"kind\": \"regression\"}, \"feature_columns_in_select\": [{\"name\": \"x\","
            + " \"type\": \"float64\"}]}");
    store.save(db, "xm", model, CancellationCheck.NEVER);
    String predict =
        generator.predict(
            verifier.verifyPredict(
                new PredictStatement(
                    "p", "SELECT * FROM t.d", "t.out", "label", Attributes.EMPTY, "xm"),
                db));
    assertTrue(
        predict.contains(
            "boosting.predict(booster, meta, data, \"predictions.result\", RESULT_COLUMN,"
                + " EXTRA_OUTPUTS)"));
    String evaluate =
        generator.evaluate(
            verifier.verifyEvaluate(
                new EvaluateStatement(
                    "e", "SELECT * FROM t.d", "xm", Attributes.EMPTY, "label", "t.ev"),
                db));
    assertTrue(evaluate.contains("METRICS = [\"mean_squared_error\"]"), evaluate);
    String explain =
        generator.explain(
            verifier.verifyExplain(
                new ExplainStatement(
                    "x",
                    "SELECT * FROM t.d",
                    "xm",
                    with("summary.title", str("a\"b'c"), "label_col", str("label")),
                    Optional.empty(),
                    Optional.of("t.shap")),
                db));
    assertTrue(explain.contains("EXPLAINER = \"TreeExplainer\"\n"), explain);
    assertTrue(explain.contains("SUMMARY = {\"title\": \"a\\\"b'c\"}\n"), explain);
    assertTrue(explain.contains("LABEL_COL = \"label\"\n"), explain);
    for (String program : List.of(predict, evaluate, explain)) {
      PythonChecks.checkLiteralSection(PythonChecks.write(dir, "p.py", program));
    }
    String longName = "t." + "x".repeat(60);
    org.sqlflow.server.error.SqlflowException tooLong =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.sqlflow.server.error.SqlflowException.class,
            () ->
                verifier.verifyExplain(
                    new ExplainStatement(
                        "x",
                        "SELECT * FROM t.d",
                        "xm",
                        Attributes.EMPTY,
                        Optional.empty(),
                        Optional.of(longName)),
                    db));
    assertTrue(tooLong.getMessage().contains(longName + "_plot"), tooLong.getMessage());
  }

  @Test
  void hostileStatementTextAndValuesStayInertLiterals(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("marker");
    String payload = "__import__('os').system('touch " + marker + "')";
    db.execute("CREATE TABLE t.h (x DOUBLE, label INT)", "INSERT INTO t.h VALUES (1, 0)");
    String original = "SELECT * FROM t.h -- \"\"\"\n'''\n" + payload + "\n#\\";
    TrainStatement statement =
        new TrainStatement(
            original,
            "SELECT * FROM t.h",
            "DNNClassifier",
            with(
                "validation.select",
                str(
                    "SELECT * FROM t.h WHERE '\n"
                        + payload.replace("'", "''")
                        + "\n#\"\"\"' <> ''")),
            java.util.Map.of(),
            Optional.of("label"),
            Optional.empty(),
            "m");
    String program = generator.train(verifier.verifyTrain(statement, db));
    Path file = PythonChecks.write(dir, "program.py", program);
    assertEquals(
        "FEATURES LABEL MODEL_CLASS MODEL_PARAMS OPTIMIZER LINEAR_OPTIMIZER TRAIN VALIDATION"
            + " WARM_START METADATA",
        PythonChecks.checkLiteralSection(file));
    // Run the literal section for real and read the statement back.
    String literals =
        program.substring(program.indexOf("FEATURES = {"), program.indexOf("if TRAIN.get("));
    String out =
        PythonChecks.run(literals + "print(METADATA['statement'].encode('utf-8').hex())\n");
    assertEquals(
        original,
        new String(
            java.util.HexFormat.of().parseHex(out.trim()),
            java.nio.charset.StandardCharsets.UTF_8));
    assertFalse(Files.exists(marker), "the statement's text ran as code");
  }
}
