package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sqlflow.server.verify.Statements.col;
import static org.sqlflow.server.verify.Statements.num;
import static org.sqlflow.server.verify.Statements.train;
import static org.sqlflow.server.verify.Statements.with;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
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
import org.sqlflow.parser.ShowTrainStatement;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.codegen.PythonChecks;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.model.H2Source;
import org.sqlflow.server.model.ModelStore;

/** The whole job flow with real processes, against a stand-in runtime without TensorFlow. */
class PythonJobPreparerTest {
  private H2Source db;
  private PythonJobPreparer executor;
  @TempDir Path tmp;

  @BeforeEach
  void open() throws Exception {
    db = new H2Source();
    try (Connection connection = db.open()) {
      SampleData.load(connection, db.dialect());
    }
    Path stub = Paths.get(getClass().getClassLoader().getResource("stub_runtime").toURI());
    executor =
        new PythonJobPreparer(
            new ModelStore(), new PythonRuntime(Paths.get(PythonChecks.PYTHON), stub));
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private TrainStatement irisTraining(String epochs) {
    return train(
        "SELECT * FROM iris.train",
        "DNNClassifier",
        with("model.n_classes", num("3"), "train.epoch", num(epochs)),
        List.of(col("sepal_length"), col("sepal_width"), col("petal_length"), col("petal_width")),
        "class",
        "sqlflow_models.my_dnn");
  }

  private ProcessJobContext run(PreparedJob job, String name) throws Exception {
    ProcessJobContext context = new ProcessJobContext(tmp.resolve(name));
    job.work().run(context);
    return context;
  }

  @Test
  void trainStoresTheModelAndPredictWritesTheSelectsOwnValues() throws Exception {
    PreparedJob training = executor.prepare(irisTraining("2"), db);
    assertEquals(List.of("Done verifying", "Done code generation"), training.initialRows());
    assertEquals(
        List.of(
            "Start training",
            "epoch 0, train_loss = 0.5000",
            "epoch 1, train_loss = 0.5000",
            "Done training",
            "Saving model into sqlflow_models.my_dnn"),
        run(training, "train").log());
    assertEquals(
        irisTraining("2").original(),
        executor
            .describe(
                new ShowTrainStatement("SHOW TRAIN sqlflow_models.my_dnn", "sqlflow_models.my_dnn"),
                db)
            .trainStatement());

    PreparedJob prediction =
        executor.prepare(
            new PredictStatement(
                "p",
                "SELECT * FROM iris.test",
                "iris.predict",
                "class",
                Attributes.EMPTY,
                "sqlflow_models.my_dnn"),
            db);
    assertEquals(
        List.of("Start predicting", "Predicted 40 rows", "Wrote 40 rows into iris.predict"),
        run(prediction, "predict").log());
    List<String> rows = new ArrayList<>();
    try (Connection connection = db.open();
        ResultSet rs = connection.createStatement().executeQuery("SELECT * FROM iris.predict")) {
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        labels.add(rs.getMetaData().getColumnLabel(i));
      }
      assertEquals(
          List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "class"),
          labels,
          "the SELECT's columns minus the label, then the result column");
    }
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT sepal_length, sepal_width, petal_length, petal_width, class"
                        + " FROM iris.predict")) {
      assertEquals(Types.BIGINT, rs.getMetaData().getColumnType(5));
      while (rs.next()) {
        rows.add(
            rs.getDouble(1)
                + ","
                + rs.getDouble(2)
                + ","
                + rs.getDouble(3)
                + ","
                + rs.getDouble(4)
                + ","
                + rs.getLong(5));
      }
    }
    List<String> expected = new ArrayList<>();
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT sepal_length, sepal_width, petal_length, petal_width FROM iris.test")) {
      int i = 0;
      while (rs.next()) {
        expected.add(
            rs.getDouble(1)
                + ","
                + rs.getDouble(2)
                + ","
                + rs.getDouble(3)
                + ","
                + rs.getDouble(4)
                + ","
                + (i++ % 3));
      }
    }
    assertEquals(expected, rows, "the SELECT's values plus the stub's class ids, in order");
  }

  @Test
  void evaluateAndExplainWriteTheirTables() throws Exception {
    run(executor.prepare(irisTraining("1"), db), "train");
    ProcessJobContext evaluation =
        run(
            executor.prepare(
                new EvaluateStatement(
                    "e",
                    "SELECT * FROM iris.test",
                    "sqlflow_models.my_dnn",
                    Attributes.EMPTY,
                    "class",
                    "iris.evaluation"),
                db),
            "evaluate");
    assertEquals(
        List.of(
            "Start evaluating",
            "loss = 0.2500",
            "accuracy = 0.7500",
            "Wrote evaluation metrics into iris.evaluation"),
        evaluation.log());
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery("SELECT loss, accuracy FROM iris.evaluation")) {
      assertTrue(rs.next());
      assertEquals(0.25, rs.getDouble(1));
      assertEquals(0.75, rs.getDouble(2));
      assertFalse(rs.next());
    }
    ProcessJobContext explanation =
        run(
            executor.prepare(
                new ExplainStatement(
                    "x",
                    "SELECT * FROM iris.test",
                    "sqlflow_models.my_dnn",
                    Attributes.EMPTY,
                    Optional.empty(),
                    Optional.of("iris.explanation")),
                db),
            "explain");
    assertEquals(
        "Wrote 4 feature importances into iris.explanation",
        explanation.log().get(explanation.log().size() - 1));
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT feature, importance FROM iris.explanation WHERE feature = 'petal_length'")) {
      assertTrue(rs.next());
      assertEquals(0.2, rs.getDouble(2), 1e-9);
    }
  }

  @Test
  void aFailedTrainingKeepsTheOldModel() throws Exception {
    run(executor.prepare(irisTraining("1"), db), "first");
    PreparedJob failing = executor.prepare(irisTraining("99"), db);
    JobFailedException e = assertThrows(JobFailedException.class, () -> run(failing, "second"));
    assertEquals("ValueError: stub failure", e.getMessage());
    assertEquals(
        irisTraining("1").original(),
        executor
            .describe(new ShowTrainStatement("s", "sqlflow_models.my_dnn"), db)
            .trainStatement());
  }

  @Test
  void verificationErrorsComeBeforeAnyJob() {
    SqlflowException e =
        assertThrows(
            SqlflowException.class,
            () ->
                executor.prepare(
                    train(
                        "SELECT * FROM iris.train",
                        "DNNClassifier",
                        with("model.n_classes", num("3")),
                        List.of(col("petal_lenght")),
                        "class",
                        "sqlflow_models.x"),
                    db));
    assertEquals(ErrorCode.UNKNOWN_COLUMN, e.code());
    SqlflowException show =
        assertThrows(
            SqlflowException.class,
            () -> executor.describe(new ShowTrainStatement("s", "sqlflow_models.none"), db));
    assertEquals(ErrorCode.UNKNOWN_MODEL, show.code());
  }

  @Test
  void sampleDataIsCreatedOnceWithTheDocumentedSizes() throws Exception {
    try (Connection connection = db.open()) {
      SampleData.load(connection, db.dialect());
      for (String[] table :
          new String[][] {
            {"iris.train", "110"},
            {"iris.test", "40"},
            {"housing.train", "400"},
            {"housing.test", "100"}
          }) {
        try (ResultSet rs =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table[0])) {
          rs.next();
          assertEquals(Integer.parseInt(table[1]), rs.getInt(1), table[0]);
        }
      }
      try (ResultSet rs =
          connection
              .createStatement()
              .executeQuery(
                  "SELECT class, COUNT(*) FROM iris.train GROUP BY class ORDER BY class")) {
        List<String> counts = new ArrayList<>();
        while (rs.next()) {
          counts.add(rs.getInt(1) + ":" + rs.getInt(2));
        }
        assertEquals(List.of("0:37", "1:37", "2:36"), counts);
      }
    }
    assertEquals(SampleData.housingRows().get(7)[5], SampleData.housingRows().get(7)[5]);
  }

  @Test
  void bundledRuntimeIsExtractedWhenPresent() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        getClass().getClassLoader().getResource("sqlflow_runtime/__init__.py") != null,
        "src/python/sqlflow_runtime is not in this checkout");
    PythonRuntime runtime = PythonRuntime.bundled(Paths.get("python3"), tmp.resolve("rt"));
    assertTrue(Files.exists(tmp.resolve("rt/sqlflow_runtime/__init__.py")));
    assertEquals(
        tmp.resolve("rt").toAbsolutePath().toString(), runtime.environment().get("PYTHONPATH"));
  }
}
