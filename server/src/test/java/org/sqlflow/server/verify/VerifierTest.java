package org.sqlflow.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sqlflow.server.verify.Statements.call;
import static org.sqlflow.server.verify.Statements.col;
import static org.sqlflow.server.verify.Statements.ident;
import static org.sqlflow.server.verify.Statements.list;
import static org.sqlflow.server.verify.Statements.listArg;
import static org.sqlflow.server.verify.Statements.lit;
import static org.sqlflow.server.verify.Statements.num;
import static org.sqlflow.server.verify.Statements.str;
import static org.sqlflow.server.verify.Statements.train;
import static org.sqlflow.server.verify.Statements.with;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.parser.Attributes;
import org.sqlflow.parser.ColumnExpr;
import org.sqlflow.parser.EvaluateStatement;
import org.sqlflow.parser.FeatureFunctions;
import org.sqlflow.parser.PredictStatement;
import org.sqlflow.server.contract.FeatureKind;
import org.sqlflow.server.contract.LabelKind;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.H2Source;
import org.sqlflow.server.model.ModelStore;

class VerifierTest {
  private static final String IRIS = "SELECT * FROM iris.train";
  private static final List<ColumnExpr> IRIS_FEATURES =
      List.of(col("sepal_length"), col("sepal_width"), col("petal_length"), col("petal_width"));

  private H2Source db;
  private final ModelStore store = new ModelStore();
  private Verifier verifier;

  @BeforeEach
  void open() throws Exception {
    db = new H2Source();
    db.execute(
        "CREATE SCHEMA iris",
        "CREATE TABLE iris.train (sepal_length DOUBLE, sepal_width DOUBLE, petal_length DOUBLE,"
            + " petal_width DOUBLE, class INT, species VARCHAR(20), tags VARCHAR(50))",
        "INSERT INTO iris.train VALUES (5.1, 3.5, 1.4, 0.2, 0, 'setosa', '1,2,3'),"
            + " (7.0, 3.2, 4.7, 1.4, 1, 'versicolor', '4,5,6'),"
            + " (6.3, 3.3, 6.0, 2.5, 2, 'virginica', '7,8,9')",
        "CREATE TABLE iris.empty (x DOUBLE, class INT)");
    verifier = new Verifier(store, new SelectSampler(100));
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private TrainingPlan verify(
      String modelClass, Attributes attributes, List<ColumnExpr> columns, String label)
      throws SqlflowException {
    return verifier.verifyTrain(
        train(IRIS, modelClass, attributes, columns, label, "sqlflow_models.m"), db);
  }

  private SqlflowException fails(
      String modelClass, Attributes attributes, List<ColumnExpr> columns, String label) {
    return assertThrows(
        SqlflowException.class, () -> verify(modelClass, attributes, columns, label));
  }

  @Test
  void resolvesAttributesWithDefaults() throws Exception {
    TrainingPlan plan =
        verify(
            "DNNClassifier",
            with(
                "model.n_classes",
                num("3"),
                "model.hidden_units",
                list(num("10"), num("20")),
                "train.epoch",
                num("10"),
                "model.optimizer",
                ident("adam")),
            IRIS_FEATURES,
            "class");
    TrainingSettings settings = (TrainingSettings) plan.settings();
    assertEquals(3L, settings.modelParams().get("n_classes"));
    assertEquals(List.of(10L, 20L), settings.modelParams().get("hidden_units"));
    assertEquals(10L, settings.epochs());
    assertEquals(Optional.of("Adam"), settings.optimizer().name());
    assertEquals(Optional.empty(), settings.linearOptimizer());
    assertEquals(8L, settings.batchSize());
    assertEquals(List.of("Accuracy"), settings.validationMetrics());
    assertEquals(new LabelSpec("class", LabelKind.CLASS), plan.label());
    assertEquals(
        List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
        plan.inputs().stream().map(c -> c.name()).toList());
    assertEquals(
        Map.of("kind", "numeric", "column", "sepal_length", "shape", List.of(1L)),
        plan.features().get("feature_columns").get(0).fields());
  }

  @Test
  void combinedModelPartsGetTheirOwnOptimizersAsInSqlflowsE2eCase() throws Exception {
    TrainingSettings settings =
        (TrainingSettings)
            verify(
                    "DNNLinearCombinedClassifier",
                    with(
                        "model.n_classes",
                        num("3"),
                        "model.dnn_optimizer",
                        ident("RMSprop"),
                        "dnn_optimizer.learning_rate",
                        num("0.01"),
                        "linear_optimizer.l1_regularization_strength",
                        num("0.001")),
                    List.of(),
                    "class")
                .settings();
    assertEquals(
        new OptimizerSettings(Optional.of("RMSprop"), Map.of("learning_rate", 0.01)),
        settings.optimizer());
    assertEquals(
        Optional.of(
            new OptimizerSettings(Optional.empty(), Map.of("l1_regularization_strength", 0.001))),
        settings.linearOptimizer());
  }

  @Test
  void optimizerNamesAndArgumentsAreCheckedAgainstKeras() throws Exception {
    assertEquals(
        "model.optimizer must be one of Adagrad, Adam, Adamax, Adadelta, Ftrl, Nadam, RMSprop,"
            + " SGD, got Adamm; did you mean 'Adam'?",
        fails("DNNClassifier", with("model.optimizer", ident("Adamm")), IRIS_FEATURES, "class")
            .getMessage());
    assertEquals(
        "optimizer.momentum does not apply to Adam; Adam takes amsgrad, beta_1, beta_2, clipnorm,"
            + " clipvalue, epsilon, global_clipnorm, learning_rate, weight_decay",
        fails(
                "DNNClassifier",
                with(
                    "model.n_classes",
                    num("3"),
                    "model.optimizer",
                    str("adam"),
                    "optimizer.momentum",
                    num("0.9")),
                IRIS_FEATURES,
                "class")
            .getMessage());
    assertTrue(
        fails(
                "LinearClassifier",
                with("model.n_classes", num("3"), "optimizer.rho", num("0.9")),
                IRIS_FEATURES,
                "class")
            .getMessage()
            .startsWith(
                "optimizer.rho does not apply to Ftrl (the model's default; set model.optimizer)"));
    TrainingSettings sgd =
        (TrainingSettings)
            verify(
                    "DNNClassifier",
                    with(
                        "model.n_classes",
                        num("3"),
                        "model.optimizer",
                        ident("sgd"),
                        "optimizer.momentum",
                        num("0.9"),
                        "optimizer.nesterov",
                        Statements.bool(true)),
                    IRIS_FEATURES,
                    "class")
                .settings();
    assertEquals(Map.of("name", "SGD", "momentum", 0.9, "nesterov", true), sgd.optimizer().asMap());
  }

  @Test
  void hostileOptimizerValuesAreRefusedBeforeCodegen() {
    assertEquals(
        "optimizer.learning_rate must be a positive number, got \"0.1); import os; (" + "\"",
        fails(
                "DNNClassifier",
                with("optimizer.learning_rate", str("0.1); import os; (")),
                IRIS_FEATURES,
                "class")
            .getMessage());
    assertTrue(
        fails(
                "DNNClassifier",
                with("model.optimizer", str("Adam(learning_rate=__import__('os'))")),
                IRIS_FEATURES,
                "class")
            .getMessage()
            .startsWith("model.optimizer must be one of"));
    assertEquals(
        "optimizer.nesterov must be TRUE or FALSE, got \"True\"",
        fails(
                "DNNClassifier",
                with("model.optimizer", ident("SGD"), "optimizer.nesterov", str("True")),
                IRIS_FEATURES,
                "class")
            .getMessage());
    assertTrue(
        fails(
                "DNNLinearCombinedClassifier",
                with(
                    "model.n_classes",
                    num("3"),
                    "model.optimizer",
                    ident("Adam"),
                    "dnn_optimizer.learning_rate",
                    num("0.1")),
                List.of(),
                "class")
            .getMessage()
            .startsWith("use either model.optimizer/optimizer.* for the whole model or"));
    assertTrue(
        fails("DNNClassifier", with("model.dnn_optimizer", ident("Adam")), IRIS_FEATURES, "class")
            .getMessage()
            .startsWith("unknown attribute 'model.dnn_optimizer' for DNNClassifier"));
  }

  @Test
  void aClassifiersLabelMayHoldClassNames() throws Exception {
    TrainingPlan plan =
        verify("DNNClassifier", with("model.n_classes", num("3")), IRIS_FEATURES, "species");
    assertEquals(new LabelSpec("species", LabelKind.CLASS), plan.label());
    assertEquals(
        "label column 'species' holds at least 3 class names but model.n_classes = 2",
        fails("DNNClassifier", with(), IRIS_FEATURES, "species").getMessage());
    assertTrue(
        fails("DNNRegressor", with(), IRIS_FEATURES, "species")
            .getMessage()
            .startsWith("label column 'species' must be numeric"));
  }

  @Test
  void wrongValueTypesAreExplained() {
    SqlflowException e =
        fails("DNNClassifier", with("train.epoch", str("ten")), IRIS_FEATURES, "class");
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, e.code());
    assertEquals("train.epoch must be a positive integer, got \"ten\"", e.getMessage());
    assertEquals(
        "model.hidden_units must be a list of positive integers such as [10, 20], got"
            + " \"__import__('os').system('touch /tmp/x')\"",
        fails(
                "DNNClassifier",
                with("model.hidden_units", str("__import__('os').system('touch /tmp/x')")),
                IRIS_FEATURES,
                "class")
            .getMessage());
    assertEquals(
        "train.epoch must be a positive integer, got 2.5",
        fails("DNNClassifier", with("train.epoch", num("2.5")), IRIS_FEATURES, "class")
            .getMessage());
    assertEquals(
        "model.n_classes must be an integer of at least 2, got 1",
        fails("DNNClassifier", with("model.n_classes", num("1")), IRIS_FEATURES, "class")
            .getMessage());
  }

  @Test
  void moreThanOneTrainWorkerNeedsARayCluster() throws Exception {
    SqlflowException local =
        fails(
            "DNNClassifier",
            with("model.n_classes", num("3"), "train.workers", num("2")),
            IRIS_FEATURES,
            "class");
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, local.code());
    assertTrue(
        local
            .getMessage()
            .startsWith("train.workers = 2 needs a Ray cluster: start the server with"),
        local.getMessage());
    assertEquals(
        "train.workers must be a positive integer, got 0",
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3"), "train.workers", num("0")),
                IRIS_FEATURES,
                "class")
            .getMessage());
    assertEquals(
        1,
        ((TrainingSettings)
                verify(
                        "DNNClassifier",
                        with("model.n_classes", num("3"), "train.workers", num("1")),
                        IRIS_FEATURES,
                        "class")
                    .settings())
            .workers());
    verifier = new Verifier(store, new SelectSampler(100), true);
    assertEquals(
        2,
        ((TrainingSettings)
                verify(
                        "DNNClassifier",
                        with("model.n_classes", num("3"), "train.workers", num("2")),
                        IRIS_FEATURES,
                        "class")
                    .settings())
            .workers());
  }

  @Test
  void xgboostTakesTrainWorkersOnRayOnlyAndBoostsOnAllOfEachWorkersRows() throws Exception {
    Attributes two =
        with("objective", str("multi:softprob"), "num_class", num("3"), "train.workers", num("2"));
    SqlflowException local = fails("xgboost.gbtree", two, IRIS_FEATURES, "class");
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, local.code());
    assertTrue(
        local.getMessage().startsWith("train.workers = 2 needs a Ray cluster"), local.getMessage());
    verifier = new Verifier(store, new SelectSampler(100), true);
    assertEquals(
        2,
        ((XgboostSettings) verify("xgboost.gbtree", two, IRIS_FEATURES, "class").settings())
            .workers());
    SqlflowException batches =
        fails(
            "xgboost.gbtree",
            with(
                "objective",
                str("multi:softprob"),
                "num_class",
                num("3"),
                "train.workers",
                num("2"),
                "train.batch_size",
                num("50")),
            IRIS_FEATURES,
            "class");
    assertEquals(ErrorCode.NOT_SUPPORTED, batches.code());
    assertEquals(
        "train.workers = 2 boosts on each worker's rows at once; leave train.batch_size at -1, or"
            + " train with train.workers = 1",
        batches.getMessage());
  }

  @Test
  void unknownAttributesListTheAllowedOnes() {
    SqlflowException e =
        fails("DNNClassifier", with("model.hiden_units", list(num("1"))), IRIS_FEATURES, "class");
    assertEquals(
        "unknown attribute 'model.hiden_units' for DNNClassifier; did you mean"
            + " 'model.hidden_units'? valid: model.n_classes, model.hidden_units, model.optimizer,"
            + " optimizer.*, train.epoch, train.batch_size, train.verbose, train.workers,"
            + " train.seed, validation.select, validation.metrics",
        e.getMessage());
    assertTrue(e.getMessage().length() < 300, e.getMessage());
    assertTrue(
        fails(
                "LinearClassifier",
                with("model.hidden_units", list(num("1"))),
                IRIS_FEATURES,
                "class")
            .getMessage()
            .startsWith("unknown attribute 'model.hidden_units'"));
    assertEquals(
        "unknown attribute 'colour' for DNNClassifier; valid: model.n_classes,"
            + " model.hidden_units, model.optimizer, optimizer.*, train.epoch,"
            + " train.batch_size, train.verbose, train.workers, train.seed, validation.select,"
            + " validation.metrics",
        fails("DNNClassifier", with("colour", num("1")), IRIS_FEATURES, "class").getMessage());
  }

  @Test
  void xgboostAttributesAreTypedAndCheckedBeforeAnythingRuns() throws Exception {
    TrainingPlan plan =
        verify(
            "xgboost.GBTREE",
            with(
                "objective",
                str("multi:softprob"),
                "num_class",
                num("3"),
                "eta",
                num("0.1"),
                "train.num_boost_round",
                num("20"),
                "train.disk_cache",
                Statements.bool(true)),
            IRIS_FEATURES,
            "class");
    assertEquals("xgboost.gbtree", plan.model().name());
    XgboostSettings settings = (XgboostSettings) plan.settings();
    assertEquals(
        java.util.Map.of("objective", "multi:softprob", "num_class", 3L, "eta", 0.1),
        settings.params());
    assertEquals(20L, settings.numBoostRound());
    assertEquals(-1L, settings.batchSize());
    assertTrue(settings.diskCache());
    assertEquals(new LabelSpec("class", LabelKind.CLASS), plan.label());
    assertEquals(
        LabelKind.REGRESSION,
        verify("XGBRegressor", Attributes.EMPTY, IRIS_FEATURES, "class").label().kind());
    String[][] cases = {
      {
        "max_dept",
        "3",
        "unknown attribute 'max_dept' for XGBRegressor; did you mean" + " 'max_depth'?"
      },
      {"subsample", "0", "subsample must be a number in (0, 1], got 0"},
      {
        "tweedie_variance_power",
        "2",
        "tweedie_variance_power must be a number strictly" + " between 1 and 2, got 2"
      },
      {
        "train.batch_size",
        "-2",
        "train.batch_size must be -1 (all rows) or a positive" + " integer, got -2"
      },
      {"max_depth", "2.5", "max_depth must be a non-negative integer, got 2.5"}
    };
    for (String[] bad : cases) {
      assertTrue(
          fails("XGBRegressor", with(bad[0], num(bad[1])), IRIS_FEATURES, "class")
              .getMessage()
              .startsWith(bad[2]),
          bad[0]);
    }
    assertEquals(
        "objective must be one of reg:squarederror, reg:squaredlogerror, reg:logistic,"
            + " reg:pseudohubererror, reg:absoluteerror, reg:gamma, reg:tweedie, binary:logistic,"
            + " binary:logitraw, binary:hinge, count:poisson, survival:cox, multi:softmax,"
            + " multi:softprob, rank:pairwise, rank:ndcg, rank:map, got \"multi:softprob')\"",
        fails("XGBRegressor", with("objective", str("multi:softprob')")), IRIS_FEATURES, "class")
            .getMessage());
    assertTrue(
        fails("XGBClassifier", with("objective", str("multi:softmax")), IRIS_FEATURES, "class")
            .getMessage()
            .startsWith("objective multi:softmax needs num_class"));
    assertTrue(
        fails("XGBClassifier", Attributes.EMPTY, IRIS_FEATURES, "class")
            .getMessage()
            .startsWith(
                "objective binary:logistic needs class ids 0..1 in label column 'class',"
                    + " found 2"));
    assertTrue(
        fails("XGBRegressor", Attributes.EMPTY, List.of(col("species")), "class")
            .getMessage()
            .contains("column species holds text"));
  }

  @Test
  void xgboostClassObjectivesTakeClassNamesAndOtherObjectivesRefuseThem() throws Exception {
    TrainingPlan plan =
        verify(
            "XGBClassifier",
            with("objective", str("multi:softprob"), "num_class", num("3")),
            IRIS_FEATURES,
            "species");
    assertEquals(new LabelSpec("species", LabelKind.CLASS), plan.label());
    assertEquals(
        "label column 'species' holds at least 3 class names but objective binary:logistic"
            + " takes 2",
        fails("XGBClassifier", Attributes.EMPTY, IRIS_FEATURES, "species").getMessage());
    assertEquals(
        "label column 'species' holds at least 3 class names but num_class = 2",
        fails(
                "XGBClassifier",
                with("objective", str("multi:softmax"), "num_class", num("2")),
                IRIS_FEATURES,
                "species")
            .getMessage());
    SqlflowException regression = fails("XGBRegressor", Attributes.EMPTY, IRIS_FEATURES, "species");
    assertEquals(ErrorCode.TYPE_MISMATCH, regression.code());
    assertTrue(
        regression
            .getMessage()
            .endsWith(
                "; class names need a class objective (binary:logistic, or multi:softprob"
                    + " with num_class)"),
        regression.getMessage());
    // The tree matrix cannot hash: WEIGHTED_CATEGORY over CATEGORY_HASH is a Keras form only.
    assertTrue(
        fails(
                "XGBRegressor",
                Attributes.EMPTY,
                List.of(
                    call(
                        "WEIGHTED_CATEGORY",
                        call(
                            "CATEGORY_HASH",
                            call(
                                "SPARSE",
                                col("tags"),
                                lit("10"),
                                col("COMMA"),
                                col("int64"),
                                new ColumnExpr.Literal(str(":")),
                                col("float32")),
                            lit("10")))),
                "class")
            .getMessage()
            .endsWith("column tags is used as category_hash"));
  }

  @Test
  void unknownMetricsAndModelClassesAreNamed() {
    assertEquals(
        "unknown metric 'Acc' in validation.metrics; known metrics: Accuracy, AUC,"
            + " Precision, Recall, MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError",
        fails(
                "DNNClassifier",
                with("validation.metrics", str("Accuracy,Acc")),
                IRIS_FEATURES,
                "class")
            .getMessage());
    SqlflowException e = fails("DNNClasifier", Attributes.EMPTY, IRIS_FEATURES, "class");
    assertEquals(ErrorCode.UNKNOWN_MODEL, e.code());
    assertEquals(
        "unknown model class 'DNNClasifier'; known model classes: DNNClassifier,"
            + " DNNRegressor, LinearClassifier, LinearRegressor, DNNLinearCombinedClassifier,"
            + " DNNLinearCombinedRegressor, xgboost.gbtree, xgboost.gblinear, xgboost.dart,"
            + " XGBClassifier, XGBRegressor, XGBRFClassifier, XGBRFRegressor, XGBRanker",
        e.getMessage());
  }

  @Test
  void sqlflowsShortMetricNamesStandForTheirMetrics() throws Exception {
    TrainingPlan plan =
        verify(
            "DNNRegressor",
            with("validation.metrics", str("MAE, mse,MeanAbsolutePercentageError")),
            IRIS_FEATURES.subList(0, 3),
            "petal_width");
    assertEquals(
        List.of("MeanAbsoluteError", "MeanSquaredError", "MeanAbsolutePercentageError"),
        ((TrainingSettings) plan.settings()).validationMetrics());
  }

  @Test
  void unknownColumnsAndLabelsAreNamed() {
    SqlflowException e =
        fails("DNNClassifier", Attributes.EMPTY, List.of(col("petal_lenght")), "class");
    assertEquals(ErrorCode.UNKNOWN_COLUMN, e.code());
    assertTrue(e.getMessage().startsWith("unknown column 'petal_lenght' in COLUMN clause"));
    SqlflowException label = fails("DNNClassifier", Attributes.EMPTY, IRIS_FEATURES, "x");
    assertTrue(label.getMessage().startsWith("unknown label column 'x'"));
    assertEquals(
        "label column 'class' cannot also be a feature",
        fails("DNNClassifier", with("model.n_classes", num("3")), List.of(col("class")), "class")
            .getMessage());
    assertEquals(
        "DNNClassifier needs a LABEL clause",
        fails("DNNClassifier", Attributes.EMPTY, IRIS_FEATURES, null).getMessage());
  }

  @Test
  void classIdsMustFitNClasses() {
    assertEquals(
        "label column 'class' holds 2, but class ids must be integers in 0..1"
            + " (model.n_classes = 2)",
        fails("DNNClassifier", Attributes.EMPTY, IRIS_FEATURES, "class").getMessage());
    // A classifier's text label holds class names (issue 12); a regressor's must be numeric.
    assertEquals(
        ErrorCode.TYPE_MISMATCH,
        fails("DNNRegressor", Attributes.EMPTY, List.of(col("sepal_length")), "species").code());
  }

  @Test
  void emptySelectsAndBrokenSelectsFailBeforeAnythingRuns() {
    SqlflowException empty =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyTrain(
                    train(
                        "SELECT * FROM iris.empty",
                        "DNNRegressor",
                        Attributes.EMPTY,
                        List.of(),
                        "class",
                        "m"),
                    db));
    assertEquals(ErrorCode.EMPTY_DATA, empty.code());
    assertEquals("the SELECT returned no rows", empty.getMessage());
    SqlflowException missing =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyTrain(
                    train(
                        "SELECT * FROM iris.nope",
                        "DNNRegressor",
                        Attributes.EMPTY,
                        List.of(),
                        "class",
                        "m"),
                    db));
    assertEquals(ErrorCode.UNKNOWN_TABLE, missing.code());
  }

  @Test
  void derivesFeaturesFromColumnTypesWhenColumnIsOmitted() throws Exception {
    TrainingPlan plan =
        verify("DNNClassifier", with("model.n_classes", num("3")), List.of(), "class");
    List<FeatureSpec> specs = plan.features().get("feature_columns");
    assertEquals(6, specs.size());
    assertEquals(FeatureKind.NUMERIC, specs.get(0).kind());
    assertEquals(
        Map.of(
            "kind",
            "indicator",
            "source",
            Map.of(
                "kind",
                "category_vocab",
                "column",
                "species",
                "vocabulary",
                List.of("setosa", "versicolor", "virginica"))),
        specs.get(4).fields());
    TrainingPlan linear =
        verify("LinearClassifier", with("model.n_classes", num("3")), List.of(), "class");
    assertEquals(
        FeatureKind.CATEGORY_VOCAB, linear.features().get("feature_columns").get(4).kind());
    TrainingPlan wide =
        verify(
            "DNNLinearCombinedClassifier", with("model.n_classes", num("3")), List.of(), "class");
    assertEquals(
        List.of("linear_feature_columns", "dnn_feature_columns"),
        List.copyOf(wide.features().keySet()));
  }

  @Test
  void buildsExplicitFeatureCalls() throws Exception {
    TrainingPlan plan =
        verify(
            "DNNClassifier",
            with("model.n_classes", num("3")),
            List.of(
                call("NUMERIC", col("tags"), lit("3")),
                call(
                    "EMBEDDING",
                    call(
                        "CATEGORY_ID",
                        call("DENSE", col("tags"), lit("3"), col("COMMA")),
                        lit("10")),
                    lit("4"),
                    col("sum")),
                call("INDICATOR", call("CATEGORY_HASH", col("species"), lit("7"))),
                call(
                    "BUCKET",
                    call("NUMERIC", col("petal_length"), lit("1")),
                    listArg(lit("2"), lit("5"))),
                call(
                    "INDICATOR",
                    call(
                        "CROSS",
                        listArg(
                            col("species"), call("BUCKET", col("sepal_width"), listArg(lit("3")))),
                        lit("20")))),
            "class");
    List<FeatureSpec> specs = plan.features().get("feature_columns");
    assertEquals(
        Map.of("kind", "dense", "column", "tags", "shape", List.of(3L), "delimiter", ","),
        specs.get(0).fields());
    assertEquals(
        Map.of(
            "kind",
            "embedding",
            "dimension",
            4L,
            "combiner",
            "sum",
            "source",
            Map.of(
                "kind",
                "category_id",
                "column",
                "tags",
                "num_buckets",
                10L,
                "source",
                Map.of("kind", "dense", "column", "tags", "shape", List.of(3L), "delimiter", ","))),
        specs.get(1).fields());
    assertEquals(List.of(2.0, 5.0), ((Map<?, ?>) specs.get(3).fields()).get("boundaries"));
    assertEquals("cross", ((Map<?, ?>) specs.get(4).fields().get("source")).get("kind"));
    assertEquals(
        List.of("sepal_width", "petal_length", "species", "tags"),
        plan.inputs().stream().map(c -> c.name()).toList(),
        "inputs follow SELECT order");
  }

  @Test
  void featureCallsFollowTheParsersCatalogue() {
    // The parser's checker and the verifier read one catalogue: the same arity, the same names.
    assertEquals(
        FeatureFunctions.find("NUMERIC").orElseThrow().arityError(1),
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3")),
                List.of(call("NUMERIC", col("sepal_length"))),
                "class")
            .getMessage());
    assertEquals(
        "NUMERIC expects 2 arguments, got 1",
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3")),
                List.of(call("NUMERIC", col("sepal_length"))),
                "class")
            .getMessage());
    assertEquals(
        "CATEGORY_ID bucket_size must be a positive integer",
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3")),
                List.of(call("CATEGORY_ID", col("tags"), lit("0"))),
                "class")
            .getMessage());
    assertEquals(
        "CROSS hash_bucket_size must be a positive integer",
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3")),
                List.of(call("CROSS", listArg(col("sepal_width"), col("species")), lit("0"))),
                "class")
            .getMessage());
  }

  @Test
  void unsupportedAndMalformedFeatureCallsAreRefused() throws Exception {
    // Id lists are Keras features now; a sequence only inside EMBEDDING, in a DNN's features.
    FeatureSpec bag =
        verify(
                "LinearClassifier",
                with("model.n_classes", num("3")),
                List.of(call("CATEGORY_ID", col("tags"), lit("10"), col("COMMA"))),
                "class")
            .features()
            .get("feature_columns")
            .get(0);
    assertEquals(Set.of(FeatureKind.CATEGORY_ID, FeatureKind.SPARSE), bag.kinds());
    assertEquals(
        "DNNClassifier takes SEQ_CATEGORY_ID(tags, ...) only inside EMBEDDING:"
            + " EMBEDDING(SEQ_CATEGORY_ID(tags, n, COMMA), dimension) is the mean of the ids'"
            + " vectors; CATEGORY_ID(tags, n, COMMA) reads the same ids as a set",
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3")),
                List.of(call("SEQ_CATEGORY_ID", col("tags"), lit("10"))),
                "class")
            .getMessage());
    assertTrue(
        fails(
                "LinearClassifier",
                with("model.n_classes", num("3")),
                List.of(
                    call("EMBEDDING", call("SEQ_CATEGORY_ID", col("tags"), lit("10")), lit("4"))),
                "class")
            .getMessage()
            .startsWith(
                "LinearClassifier's feature_columns cannot read the sequence"
                    + " SEQ_CATEGORY_ID(tags, ...): a DNN's features take"));
    assertEquals(
        ErrorCode.TYPE_MISMATCH,
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3")),
                List.of(call("EMBEDDING", col("sepal_length"), lit("4"))),
                "class")
            .code());
    assertTrue(
        fails(
                "DNNClassifier",
                with("model.n_classes", num("3")),
                List.of(call("BUCKET", col("sepal_length"), listArg(lit("5"), lit("2")))),
                "class")
            .getMessage()
            .startsWith("BUCKET boundaries must be a list of ascending numbers"));
  }

  @Test
  void hostileColumnNamesAreRefused() throws Exception {
    db.execute(
        "CREATE TABLE iris.odd (\"a'b\n#c\" DOUBLE, class INT)",
        "INSERT INTO iris.odd VALUES (1, 0)");
    SqlflowException e =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyTrain(
                    train(
                        "SELECT * FROM iris.odd",
                        "DNNClassifier",
                        Attributes.EMPTY,
                        List.of(),
                        "class",
                        "m"),
                    db));
    assertEquals(ErrorCode.INVALID_NAME, e.code());
  }

  /** Stores sqlflow_models.m: a DNNClassifier of label class reading {@code inputs} (JSON). */
  private void storeClassifier(Path tmp, String inputs) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(
        dir.resolve("metadata.json"),
        "{\"statement\": \"s\", \"model_class\": \"DNNClassifier\", \"label\": {\"column\":"
            + " \"class\", \"kind\": \"class\"}, \"feature_columns_in_select\": ["
            + inputs
            + "]}");
    store.save(db, "sqlflow_models.m", dir, CancellationCheck.NEVER);
  }

  @Test
  void predictResultColumnDefaultsToTheLabelAndExtraOutputsAreChecked(@TempDir Path tmp)
      throws Exception {
    storeClassifier(tmp, "{\"name\": \"sepal_length\", \"type\": \"float64\"}");

    PredictionPlan bare =
        verifier.verifyPredict(
            new PredictStatement(
                "p",
                IRIS,
                "predicted",
                Optional.empty(),
                Statements.with("predict.extra_outputs", str("probability, probabilities")),
                "sqlflow_models.m"),
            db);
    assertEquals(
        new PredictionOutputs("class", List.of("probability", "probabilities")), bare.outputs());

    SqlflowException ambiguous =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyPredict(
                    new PredictStatement(
                        "p", IRIS, "iris", "predicted", Attributes.EMPTY, "sqlflow_models.m"),
                    db));
    assertEquals(ErrorCode.INVALID_NAME, ambiguous.code());
    assertEquals(
        "TO PREDICT iris.predicted is table iris, column predicted (SQLFlow splits at the last"
            + " dot), but iris is a database: for the table iris.predicted write"
            + " iris.predicted.class (database.table.column)",
        ambiguous.getMessage());

    SqlflowException hostile =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyPredict(
                    new PredictStatement(
                        "p",
                        IRIS,
                        "iris.predicted",
                        "class",
                        Statements.with(
                            "predict.extra_outputs", str("probability, x`); DROP TABLE t; --")),
                        "sqlflow_models.m"),
                    db));
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, hostile.code());
    assertTrue(
        hostile.getMessage().startsWith("predict.extra_outputs must be a name or a list of names"),
        hostile.getMessage());
  }

  @Test
  void predictChecksTheModelsInputs(@TempDir Path tmp) throws Exception {
    storeClassifier(
        tmp,
        "{\"name\": \"sepal_length\", \"type\": \"float64\"},"
            + " {\"name\": \"species\", \"type\": \"string\"}");

    PredictionPlan plan =
        verifier.verifyPredict(
            new PredictStatement(
                "p", IRIS, "iris.predict", "class", Attributes.EMPTY, "sqlflow_models.m"),
            db);
    assertEquals(List.of(0, 1, 2, 3, 5, 6), plan.keptColumns());

    SqlflowException missing =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyPredict(
                    new PredictStatement(
                        "p",
                        "SELECT sepal_length FROM iris.train",
                        "iris.predict",
                        "class",
                        Attributes.EMPTY,
                        "sqlflow_models.m"),
                    db));
    assertEquals(ErrorCode.UNKNOWN_COLUMN, missing.code());
    assertTrue(missing.getMessage().startsWith("column 'species' is missing from the SELECT"));
    SqlflowException wrongType =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyPredict(
                    new PredictStatement(
                        "p",
                        "SELECT sepal_length, class AS species FROM iris.train",
                        "iris.predict",
                        "class",
                        Attributes.EMPTY,
                        "sqlflow_models.m"),
                    db));
    assertEquals(ErrorCode.TYPE_MISMATCH, wrongType.code());
    SqlflowException noModel =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verifyPredict(
                    new PredictStatement(
                        "p",
                        IRIS,
                        "iris.predict",
                        "class",
                        Attributes.EMPTY,
                        "sqlflow_models.none"),
                    db));
    assertEquals(ErrorCode.UNKNOWN_MODEL, noModel.code());
    assertThrows(
        SqlflowException.class,
        () ->
            verifier.verifyPredict(
                new PredictStatement(
                    "p", IRIS, "iris.predict", "cl'ass", Attributes.EMPTY, "sqlflow_models.m"),
                db));

    EvaluationPlan evaluation =
        verifier.verifyEvaluate(
            new EvaluateStatement(
                "e",
                IRIS,
                "sqlflow_models.m",
                with("validation.metrics", list(str("accuracy"), ident("auc"))),
                "class",
                "iris.evaluation"),
            db);
    assertEquals(List.of("Accuracy", "AUC"), evaluation.metrics());
    assertThrows(
        SqlflowException.class,
        () ->
            verifier.verifyExplain(
                new org.sqlflow.parser.ExplainStatement(
                    "x",
                    IRIS,
                    "sqlflow_models.m",
                    Attributes.EMPTY,
                    Optional.of("TreeExplainer"),
                    Optional.empty()),
                db));
  }

  @Test
  void validationSelectMustProvideTheSameColumns() {
    SqlflowException e =
        fails(
            "DNNClassifier",
            with(
                "model.n_classes",
                num("3"),
                "validation.select",
                str("SELECT sepal_length, class FROM iris.train")),
            IRIS_FEATURES,
            "class");
    assertEquals("column 'sepal_width' is missing from validation.select", e.getMessage());
  }
}
