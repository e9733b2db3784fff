package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.sqlflow.server.testing.TestBackends;

/**
 * Real TensorFlow through the real driver over HTTP: train, predict, evaluate and inspect models
 * stored in the backing database. Run against each backend by a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TensorFlowContract extends SampleDataContract {
  static final String TRAIN_IRIS =
      "SELECT * FROM iris.train TO TRAIN DNNClassifier"
          + " WITH model.n_classes = 3, model.hidden_units = [10, 20], train.epoch = 10,"
          + " train.seed = 7"
          + " COLUMN sepal_length, sepal_width, petal_length, petal_width"
          + " LABEL class INTO sqlflow_models.it_dnn";

  /**
   * Whether the server runs its jobs on a Ray cluster. The suite runs there once (CI's time): the
   * model families' own tests, which only the runtime decides, stay on the local backend.
   */
  protected boolean onRay() {
    return false;
  }

  @Test
  @Order(1)
  void irisTrainingStreamsEveryEpochAndPredictsAccurately() throws SQLException {
    Log train = run(TRAIN_IRIS);
    List<String> rows = train.rows();
    int last = rows.size() - 1;
    List<Integer> epochs = assertTrainingLog(train, "sqlflow_models.it_dnn");
    for (int i : epochs) {
      assertTrue(
          train.receivedAt().get(i) < train.receivedAt().get(last),
          "epoch row arrived with the end of the job");
    }
    assertEquals(10, epochs.size(), rows.toString());
    assertTrue(rows.get(epochs.get(0)).startsWith("epoch 0, "));

    Log predict =
        run(
            "SELECT sepal_length, sepal_width, petal_length, petal_width,"
                + " class AS true_class FROM iris.test"
                + " TO PREDICT iris.predict_it.class USING sqlflow_models.it_dnn");
    assertTrue(
        predict.rows().stream().anyMatch(r -> r.contains("40 rows")), predict.rows().toString());
    assertEquals(40, scalar("SELECT COUNT(*) FROM iris.predict_it"));
    double accuracy =
        scalar(
            "SELECT AVG(CASE WHEN class = true_class THEN 1.0 ELSE 0.0 END)"
                + " FROM iris.predict_it");
    assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
  }

  @Test
  @Order(2)
  void showTrainAnswersTheTrainingStatement() throws SQLException {
    assertShowTrain("sqlflow_models.it_dnn", TRAIN_IRIS);
  }

  @Test
  @Order(3)
  void evaluateWritesOneRowOfMetrics() throws SQLException {
    run(
        "SELECT * FROM iris.test TO EVALUATE sqlflow_models.it_dnn"
            + " WITH validation.metrics = \"Accuracy\" LABEL class INTO iris.evaluation_it");
    assertEquals(1, scalar("SELECT COUNT(*) FROM iris.evaluation_it"));
    assertTrue(scalar("SELECT accuracy FROM iris.evaluation_it") >= 0.9);
  }

  @Test
  @Order(4)
  void regressionLearnsFarBelowTheLabelVariance() throws SQLException {
    assumeFalse(onRay(), "a model family's test; the backend is the same");
    run(
        "SELECT * FROM housing.train TO TRAIN DNNRegressor WITH model.hidden_units = [16, 8],"
            + " train.epoch = 30, train.batch_size = 16, train.seed = 3, optimizer.learning_rate = 0.05"
            + " LABEL price INTO sqlflow_models.it_regressor");
    run(
        "SELECT rooms, age, distance, tax, crime, price AS truth FROM housing.test"
            + " TO PREDICT housing.predict_it.price USING sqlflow_models.it_regressor");
    double variance =
        scalar("SELECT AVG(truth * truth) - AVG(truth) * AVG(truth)" + " FROM housing.predict_it");
    double mse = scalar("SELECT AVG((price - truth) * (price - truth)) FROM housing.predict_it");
    assertTrue(mse < 0.5 * variance, "mse " + mse + " vs label variance " + variance);
  }

  @Test
  @Order(5)
  void wideDeepLinearAndFeatureColumnsTrainAndPredict() throws SQLException {
    assumeFalse(onRay(), "model families' tests; the backend is the same");
    String[] trainings = {
      "SELECT * FROM iris.train TO TRAIN DNNLinearCombinedClassifier WITH model.n_classes = 3,"
          + " model.dnn_hidden_units = [10, 20], train.epoch = 3"
          + " COLUMN sepal_length, sepal_width FOR linear_feature_columns"
          + " COLUMN petal_length, petal_width FOR dnn_feature_columns"
          + " LABEL class INTO sqlflow_models.it_wide_deep",
      "SELECT * FROM iris.train TO TRAIN LinearClassifier WITH model.n_classes = 3,"
          + " train.epoch = 3 LABEL class INTO sqlflow_models.it_linear",
      "SELECT *, FLOOR(sepal_width) AS sepal_bin FROM iris.train"
          + " TO TRAIN DNNClassifier WITH model.n_classes = 3, train.epoch = 3"
          + " COLUMN BUCKET(sepal_length, [5.0, 6.0, 7.0]),"
          + " EMBEDDING(CATEGORY_ID(sepal_bin, 5), 2, 'sum'),"
          + " EMBEDDING(CROSS([petal_width, petal_length], 10), 4, 'mean'), sepal_width"
          + " LABEL class INTO sqlflow_models.it_features"
    };
    for (String training : trainings) {
      Log log = run(training);
      assertTrue(
          log.rows().get(log.rows().size() - 1).startsWith("Job finished"), log.rows().toString());
      String model = training.substring(training.lastIndexOf(' ') + 1);
      String table = "iris.p_" + model.substring(model.indexOf('.') + 4);
      run(
          "SELECT *, FLOOR(sepal_width) AS sepal_bin FROM iris.test TO PREDICT "
              + table
              + ".class USING "
              + model);
      assertEquals(40, scalar("SELECT COUNT(*) FROM " + table));
      assertEquals(
          0,
          scalar(
              "SELECT COUNT(*) FROM "
                  + table
                  + " WHERE class NOT IN (0, 1, 2)"
                  + " OR class IS NULL"));
    }
  }

  @Test
  @Order(6)
  void badInputFailsAtExecuteWithItsMessageAndStartsNothing() throws SQLException {
    String[][] cases = {
      {
        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3"
            + " COLUMN petal_lenght LABEL class INTO sqlflow_models.bad",
        "unknown column 'petal_lenght' in COLUMN clause"
      },
      {
        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH train.epoch = \"ten\""
            + " LABEL class INTO sqlflow_models.bad",
        "train.epoch must be a positive integer, got \"ten\""
      },
      {
        "SELECT * FROM iris.train TO TRAIN NoSuchModel LABEL class INTO sqlflow_models.bad",
        "DNNClassifier"
      },
      {
        "SELECT * FROM iris.train TO TRAIN DNNClassifier LABEL nope INTO sqlflow_models.bad", "nope"
      },
      {
        "SELECT * FROM iris.train WHERE 1 = 0 TO TRAIN DNNClassifier LABEL class"
            + " INTO sqlflow_models.bad",
        "no rows"
      },
      {
        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.no_such = 1"
            + " LABEL class INTO sqlflow_models.bad",
        "model.no_such"
      },
      {
        "SELECT * FROM iris.train TO TRAIN DNNClassifier LABLE class INTO sqlflow_models.bad",
        "LABLE"
      },
      {
        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
            + (onRay() ? " train.workers = 0" : " train.workers = 2")
            + " LABEL class INTO sqlflow_models.bad",
        onRay()
            ? "train.workers must be a positive integer, got 0"
            : "train.workers = 2 needs a Ray cluster: start the server with --ray-address"
      }
    };
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      for (String[] bad : cases) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(bad[0]), bad[0]);
        assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
      }
      SQLException syntax =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT * FROM iris.train TO TRAIN DNNClassifier LABLE class INTO m"));
      assertEquals("42000", syntax.getSQLState());
      assertTrue(
          syntax
              .getMessage()
              .contains("Syntax error at line 1, column 49 near \"LABLE\": expected"),
          syntax.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM iris.train")) {
        assertTrue(rs.next(), "the connection is no longer usable");
        assertEquals(110, rs.getInt(1));
      }
      try (ResultSet jobs = s.executeQuery("SHOW JOBS")) {
        while (jobs.next()) {
          assertFalse(
              jobs.getString("statement").contains("sqlflow_models.bad"),
              "a job started for a bad statement");
        }
      }
    }
  }

  @Test
  @Order(6)
  void aSelectTheDatabaseRefusesGivesTheDatabasesStateAndCode() throws SQLException {
    String select = "SELECT * FROM iris.train WHERE class = (SELECT 1 UNION SELECT 2)";
    SQLException direct;
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      direct =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs = s.executeQuery(select)) {
                  while (rs.next()) {
                    rs.getObject(1);
                  }
                }
              });
    }
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException ours =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      select + " TO TRAIN DNNClassifier LABEL class INTO sqlflow_models.bad"));
      assertEquals(direct.getSQLState(), ours.getSQLState());
      assertEquals(direct.getErrorCode(), ours.getErrorCode());
      assertTrue(ours.getMessage().startsWith("the SELECT failed: "), ours.getMessage());
    }
  }

  @Test
  @Order(7)
  void hostileAttributeValuesRunNothing() throws Exception {
    Path marker = Files.createTempDirectory("hostile").resolve("pwned");
    String payload = "__import__('os').system('touch " + marker + "')";
    String[] statements = {
      "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.hidden_units = \""
          + payload
          + "\" LABEL class INTO sqlflow_models.hostile",
      "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
          + " validation.metrics = \"Accuracy')\\n"
          + payload
          + "#\", train.epoch = 1"
          + " LABEL class INTO sqlflow_models.hostile",
      "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.optimizer = \"Adam'); "
          + payload
          + " #\", train.epoch = 1 LABEL class INTO sqlflow_models.hostile"
    };
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            // a statement that got through verification must still run only what was asked
          }
        } catch (SQLException expected) {
          // rejected: fine
        }
      }
    }
    assertFalse(Files.exists(marker), "a statement ran code it did not ask for");
  }

  @Test
  @Order(8)
  void failedOrCancelledRetrainingKeepsThePreviousModel() throws Exception {
    String before = describe("sqlflow_models.it_dnn");
    // Fails: the validation SELECT names a missing table (found before or during the job).
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs =
                    s.executeQuery(
                        TRAIN_IRIS.replace(
                            "train.seed = 7",
                            "train.seed = 7, validation.select = \"SELECT * FROM iris.missing_table\""))) {
                  while (rs.next()) {
                    // drain
                  }
                }
              });
      assertTrue(e.getMessage().toLowerCase().contains("missing_table"), e.getMessage());
    }
    // Cancelled while running.
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery(TRAIN_IRIS.replace("train.epoch = 10", "train.epoch = 500"));
      while (rs.next()) {
        if (rs.getString(1).startsWith("epoch 1,")) {
          s.cancel();
          break;
        }
      }
    }
    assertEquals(before, describe("sqlflow_models.it_dnn"));
    Log predict =
        run(
            "SELECT * FROM iris.test TO PREDICT iris.predict_again.class"
                + " USING sqlflow_models.it_dnn");
    assertTrue(predict.rows().get(predict.rows().size() - 1).startsWith("Job finished"));
    assertEquals(40, scalar("SELECT COUNT(*) FROM iris.predict_again"));
  }

  @Test
  @Order(9)
  void trainingUsingAStoredModelContinuesFromIt() throws SQLException {
    String columns = " COLUMN sepal_length, sepal_width, petal_length, petal_width LABEL class";
    Log base =
        run(
            "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
                + " train.epoch = 2, train.seed = 5"
                + columns
                + " INTO sqlflow_models.it_warm_base");
    Log continued =
        run(
            "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH"
                + " model.n_classes = 3, train.epoch = 2, train.seed = 5"
                + columns
                + " USING sqlflow_models.it_warm_base INTO sqlflow_models.it_warm");
    double fresh = firstEpochLoss(base);
    double resumed = firstEpochLoss(continued);
    assertTrue(
        resumed < fresh,
        "continued training starts at loss " + resumed + ", a fresh one at " + fresh);
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException wrongClass =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT * FROM iris.train TO TRAIN LinearClassifier WITH model.n_classes = 3"
                          + columns
                          + " USING sqlflow_models.it_warm_base INTO sqlflow_models.it_bad"));
      assertTrue(
          wrongClass
              .getMessage()
              .contains("USING sqlflow_models.it_warm_base: it is a DNNClassifier"),
          wrongClass.getMessage());
      SQLException otherColumns =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3"
                          + " COLUMN sepal_length LABEL class USING sqlflow_models.it_warm_base"
                          + " INTO sqlflow_models.it_bad"));
      assertTrue(
          otherColumns.getMessage().contains("it reads sepal_length"), otherColumns.getMessage());
    }
  }

  @Test
  @Order(10)
  void kernelExplainerExplainsAKerasModelAndTreeExplainerRefusesIt() throws SQLException {
    // One SHAP run on a Keras model is enough for CI's time: the storage is XgboostContract's.
    org.junit.jupiter.api.Assumptions.assumeTrue(kind() == TestBackends.MARIADB && !onRay());
    Log shap =
        run(
            "SELECT * FROM iris.test LIMIT 5 TO EXPLAIN sqlflow_models.it_dnn"
                + " WITH label_col = class, summary.plot_type = \"bar\" USING KernelExplainer"
                + " INTO iris.dnn_shap");
    assertTrue(shap.rows().contains("Wrote 4 rows into iris.dnn_shap"), shap.rows().toString());
    assertEquals(
        0,
        scalar(
            "SELECT COUNT(*) FROM iris.dnn_shap WHERE mean_abs_shap < 0"
                + " OR feature NOT IN ('sepal_length', 'sepal_width', 'petal_length', 'petal_width')"));
    assertEquals(
        1,
        scalar(
            "SELECT COUNT(*) FROM iris.dnn_shap_plot"
                + " WHERE explainer = 'KernelExplainer' AND width > 0"));
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException tree =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT * FROM iris.test TO EXPLAIN sqlflow_models.it_dnn USING TreeExplainer"));
      assertTrue(
          tree.getMessage().contains("TreeExplainer does not explain DNNClassifier"),
          tree.getMessage());
    }
  }

  protected static double firstEpochLoss(Log log) {
    for (String row : log.rows()) {
      if (row.startsWith("epoch 0, train_loss = ")) {
        return Double.parseDouble(
            row.substring(
                "epoch 0, train_loss = ".length(), "epoch 0, train_loss = ".length() + 6));
      }
    }
    throw new AssertionError("no epoch 0 row in " + log.rows());
  }

  private String describe(String model) throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW TRAIN " + model)) {
      assertTrue(rs.next());
      return rs.getString(2);
    }
  }
}
