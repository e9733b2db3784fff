package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sqlflow.server.verify.Statements.col;
import static org.sqlflow.server.verify.Statements.list;
import static org.sqlflow.server.verify.Statements.num;
import static org.sqlflow.server.verify.Statements.str;
import static org.sqlflow.server.verify.Statements.train;
import static org.sqlflow.server.verify.Statements.with;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.parser.Attributes;
import org.sqlflow.parser.PredictStatement;
import org.sqlflow.server.model.H2Source;
import org.sqlflow.server.model.ModelStore;

/**
 * TRAIN and PREDICT end to end with real TensorFlow: the interpreter comes from system property
 * {@code sqlflow.test.python}, the runtime directory from {@code sqlflow.test.runtime} (default:
 * the checkout's src/python); without them the test is skipped.
 */
class TrainPredictIT {
  private static final Pattern EPOCH_LINE =
      Pattern.compile(
          "epoch \\d+, train_loss = \\d+\\.\\d{4}(, validation_loss = \\d+\\.\\d{4},"
              + " validation_accuracy = \\d+\\.\\d{4})?");

  private H2Source db;
  private PythonJobPreparer executor;
  @TempDir Path tmp;

  static Path python() {
    Path configured = Paths.get(System.getProperty("sqlflow.test.python", ""));
    return Files.isExecutable(configured)
        ? configured
        : Paths.get("..", ".venv", "bin", "python").toAbsolutePath().normalize();
  }

  static Path runtimeDir() {
    String configured = System.getProperty("sqlflow.test.runtime");
    if (configured != null) {
      return Paths.get(configured);
    }
    return Paths.get("..", "src", "python").toAbsolutePath().normalize();
  }

  @BeforeEach
  void open() throws Exception {
    assumeTrue(Files.isExecutable(python()), "no Python at " + python());
    assumeTrue(
        Files.exists(runtimeDir().resolve("sqlflow_runtime/training.py")),
        "no runtime in " + runtimeDir());
    db = new H2Source();
    try (Connection connection = db.open()) {
      SampleData.load(connection, db.dialect());
    }
    executor = new PythonJobPreparer(new ModelStore(), new PythonRuntime(python(), runtimeDir()));
  }

  @AfterEach
  void close() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void dnnClassifierLearnsIrisAndPredictsTheTestSet() throws Exception {
    ProcessJobContext training = new ProcessJobContext(tmp.resolve("train"));
    executor
        .prepare(
            train(
                "SELECT * FROM iris.train",
                "DNNClassifier",
                with(
                    "model.n_classes",
                    num("3"),
                    "model.hidden_units",
                    list(num("10"), num("20")),
                    "train.epoch",
                    num("20"),
                    "train.seed",
                    num("7"),
                    "validation.select",
                    str("SELECT * FROM iris.test")),
                List.of(
                    col("sepal_length"),
                    col("sepal_width"),
                    col("petal_length"),
                    col("petal_width")),
                "class",
                "sqlflow_models.my_dnn"),
            db)
        .work()
        .run(training);
    List<String> log = training.log();
    assertEquals("Start training", log.get(0));
    assertTrue(
        log.stream()
            .filter(l -> l.startsWith("epoch "))
            .allMatch(l -> EPOCH_LINE.matcher(l).matches()),
        log.toString());
    assertEquals(20, log.stream().filter(l -> l.startsWith("epoch ")).count(), log.toString());
    assertTrue(
        log.containsAll(List.of("Done training", "Saving model into sqlflow_models.my_dnn")));

    ProcessJobContext prediction = new ProcessJobContext(tmp.resolve("predict"));
    executor
        .prepare(
            new PredictStatement(
                "p",
                "SELECT * FROM iris.test",
                "iris.predict",
                "class",
                Attributes.EMPTY,
                "sqlflow_models.my_dnn"),
            db)
        .work()
        .run(prediction);
    assertTrue(
        prediction.log().contains("Wrote 40 rows into iris.predict"), prediction.log().toString());
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM iris.predict p JOIN iris.test t"
                        + " ON p.sepal_length = t.sepal_length AND p.sepal_width = t.sepal_width"
                        + " AND p.petal_length = t.petal_length AND p.petal_width = t.petal_width"
                        + " WHERE p.class = t.class")) {
      rs.next();
      // Rows are matched on their features (duplicates can only add matches of the same class).
      assertTrue(rs.getInt(1) >= 32, "correct predictions: " + rs.getInt(1) + " of 40");
    }
  }

  @Test
  void dnnRegressorTrainsOnHousingWithDerivedFeatures() throws Exception {
    ProcessJobContext training = new ProcessJobContext(tmp.resolve("train"));
    executor
        .prepare(
            train(
                "SELECT * FROM housing.train",
                "DNNRegressor",
                with(
                    "train.epoch",
                    num("5"),
                    "model.optimizer",
                    str("Adam"),
                    "optimizer.learning_rate",
                    num("0.05")),
                List.of(),
                "price",
                "sqlflow_models.housing"),
            db)
        .work()
        .run(training);
    assertTrue(training.log().contains("Done training"), training.log().toString());
    ProcessJobContext prediction = new ProcessJobContext(tmp.resolve("predict"));
    executor
        .prepare(
            new PredictStatement(
                "p",
                "SELECT * FROM housing.test",
                "housing.predict",
                "price",
                Attributes.EMPTY,
                "sqlflow_models.housing"),
            db)
        .work()
        .run(prediction);
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery("SELECT COUNT(*), AVG(price) FROM housing.predict")) {
      rs.next();
      assertEquals(100, rs.getInt(1));
      assertTrue(Double.isFinite(rs.getDouble(2)));
    }
  }
}
