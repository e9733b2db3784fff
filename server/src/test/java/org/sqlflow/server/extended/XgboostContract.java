package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real XGBoost and SHAP through the real driver over HTTP: SQLFlow's model names and attributes,
 * round lines streamed live, models stored in the backing database, PREDICT, EVALUATE, EXPLAIN
 * (rows and the summary plot as a BLOB), continued training, SHOW TRAIN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class XgboostContract extends SampleDataContract {
  static final String IRIS_COLUMNS =
      " COLUMN sepal_length, sepal_width, petal_length, petal_width LABEL class";
  static final String TRAIN_HOUSING =
      "SELECT * FROM housing.train TO TRAIN XGBRegressor"
          + " WITH max_depth = 3, eta = 0.3, train.num_boost_round = 30, seed = 1"
          + " LABEL price INTO sqlflow_models.it_xgb_housing";
  private static final Pattern ROUND =
      Pattern.compile("\\[(\\d+)]\\ttrain-(\\w+):(\\d+\\.\\d{5})(\\tvalidate-\\w+:\\d+\\.\\d{5})?");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /**
   * Whether to run every test; the H2 run keeps the ones whose storage differs by database (model
   * store, evaluation table, the PNG in a bytes column) to keep CI within its time.
   */
  protected boolean everyTest() {
    return true;
  }

  @Test
  @Order(1)
  void classifierStreamsEveryRoundLiveAndPredictsIrisAccurately() throws SQLException {
    assumeTrue(everyTest(), "run on MariaDB only");
    Log train =
        run(
            "SELECT * FROM iris.train TO TRAIN XGBClassifier WITH"
                + " objective = \"multi:softprob\", num_class = 3, max_depth = 3,"
                + " train.num_boost_round = 12, validation.select = \"SELECT * FROM iris.test\""
                + IRIS_COLUMNS
                + " INTO sqlflow_models.it_xgb_iris");
    List<String> rows = train.rows();
    assertEquals(
        List.of("Done parsing", "Done verifying", "Done code generation", "Start training"),
        rows.subList(0, 4),
        rows.toString());
    int last = rows.size() - 1;
    assertTrue(rows.get(last).startsWith("Job finished"), rows.get(last));
    assertEquals("Saving model into sqlflow_models.it_xgb_iris", rows.get(last - 1));
    List<Integer> rounds = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Matcher round = ROUND.matcher(rows.get(i));
      if (round.matches()) {
        assertEquals(rounds.size(), Integer.parseInt(round.group(1)), rows.toString());
        assertEquals("mlogloss", round.group(2));
        assertTrue(rows.get(i).contains("\tvalidate-mlogloss:"), rows.get(i));
        assertTrue(
            train.receivedAt().get(i) < train.receivedAt().get(last),
            "round line arrived with the end of the job");
        rounds.add(i);
      }
    }
    assertEquals(12, rounds.size(), rows.toString());

    run(
        "SELECT sepal_length, sepal_width, petal_length, petal_width, class AS true_class"
            + " FROM iris.test TO PREDICT iris.xgb_predict.class USING sqlflow_models.it_xgb_iris");
    assertEquals(40, scalar("SELECT COUNT(*) FROM iris.xgb_predict"));
    assertEquals(
        0,
        scalar(
            "SELECT COUNT(*) FROM iris.xgb_predict WHERE class NOT IN (0, 1, 2)"
                + " OR class IS NULL"));
    double accuracy =
        scalar(
            "SELECT AVG(CASE WHEN class = true_class THEN 1.0 ELSE 0.0 END)"
                + " FROM iris.xgb_predict");
    assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
  }

  @Test
  @Order(2)
  void gbtreeWithDerivedColumnsPredictsAndShowTrainAnswers() throws SQLException {
    assumeTrue(everyTest(), "run on MariaDB only");
    String statement =
        "SELECT * FROM iris.train TO TRAIN xgboost.gbtree WITH"
            + " objective = \"multi:softmax\", num_class = 3, train.num_boost_round = 5"
            + " LABEL class INTO sqlflow_models.it_xgb_gbtree";
    Log train = run(statement);
    assertEquals(
        5,
        train.rows().stream().filter(r -> r.matches("\\[\\d]\\ttrain-mlogloss:.*")).count(),
        train.rows().toString());
    run(
        "SELECT * FROM iris.test TO PREDICT iris.xgb_gbtree.class_id"
            + " USING sqlflow_models.it_xgb_gbtree");
    double accuracy =
        scalar(
            "SELECT AVG(CASE WHEN class = class_id THEN 1.0 ELSE 0.0 END)"
                + " FROM iris.xgb_gbtree t JOIN iris.test s ON t.sepal_length = s.sepal_length"
                + " AND t.sepal_width = s.sepal_width AND t.petal_length = s.petal_length"
                + " AND t.petal_width = s.petal_width");
    assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
    assertShowTrain("sqlflow_models.it_xgb_gbtree", statement);
  }

  @Test
  @Order(3)
  void regressorPredictsHousingFarBelowTheLabelVarianceAndEvaluates() throws SQLException {
    run(TRAIN_HOUSING);
    run(
        "SELECT rooms, age, distance, tax, crime, price AS truth FROM housing.test"
            + " TO PREDICT housing.xgb_predict.price USING sqlflow_models.it_xgb_housing");
    double variance =
        scalar("SELECT AVG(truth * truth) - AVG(truth) * AVG(truth)" + " FROM housing.xgb_predict");
    double mse = scalar("SELECT AVG((price - truth) * (price - truth)) FROM housing.xgb_predict");
    assertTrue(mse < 0.5 * variance, "mse " + mse + " vs label variance " + variance);

    Log evaluate =
        run(
            "SELECT * FROM housing.test TO EVALUATE sqlflow_models.it_xgb_housing"
                + " WITH validation.metrics = \"mean_squared_error,r2_score\" LABEL price"
                + " INTO housing.xgb_evaluation");
    assertTrue(
        evaluate.rows().contains("Wrote evaluation metrics into housing.xgb_evaluation"),
        evaluate.rows().toString());
    assertEquals(1, scalar("SELECT COUNT(*) FROM housing.xgb_evaluation"));
    double evaluated = scalar("SELECT mean_squared_error FROM housing.xgb_evaluation");
    assertEquals(mse, evaluated, 1e-3 * mse, "EVALUATE's MSE vs PREDICT's, computed in SQL");
    assertEquals(
        Math.sqrt(mse),
        scalar("SELECT loss FROM housing.xgb_evaluation"),
        1e-3 * Math.sqrt(mse),
        "loss is the objective's rmse");
    assertTrue(scalar("SELECT r2_score FROM housing.xgb_evaluation") > 0.5);
  }

  @Test
  @Order(4)
  void trainingUsingAStoredBoosterAddsRoundsToIt() throws SQLException {
    assumeTrue(everyTest(), "run on MariaDB only");
    String rounds =
        "SELECT * FROM housing.train TO TRAIN XGBRegressor WITH max_depth = 3,"
            + " eta = 0.3, train.num_boost_round = 3, seed = 1 LABEL price ";
    Log fresh = run(rounds + "INTO sqlflow_models.it_xgb_fresh");
    Log continued =
        run(rounds + "USING sqlflow_models.it_xgb_housing INTO sqlflow_models.it_xgb_more");
    List<Double> started = trainRmse(fresh);
    List<Double> resumed = trainRmse(continued);
    assertEquals(3, resumed.size(), continued.rows().toString());
    // 30 stored rounds plus one fits far better than one round from scratch.
    assertTrue(
        resumed.get(0) < 0.5 * started.get(0),
        "continued at rmse " + resumed.get(0) + ", fresh at " + started.get(0));
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException other =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT * FROM housing.train TO TRAIN XGBRFRegressor LABEL price"
                          + " USING sqlflow_models.it_xgb_housing INTO sqlflow_models.it_bad"));
      assertTrue(other.getMessage().contains("it is a XGBRegressor"), other.getMessage());
    }
  }

  @Test
  @Order(5)
  void treeExplainerWritesOneRowPerFeatureAndThePlotAsAPngBlob() throws Exception {
    Path marker = Files.createTempDirectory("hostile").resolve("pwned");
    // A hostile title is only ever a title: a literal in the program, text in the plot.
    String title = "x\\\"); __import__('os').system('touch " + marker + "'); (\\\"";
    Log explain =
        run(
            "SELECT * FROM housing.test TO EXPLAIN sqlflow_models.it_xgb_housing"
                + " WITH summary.plot_type = \"bar\", summary.title = \""
                + title
                + "\","
                + " label_col = price USING TreeExplainer INTO housing.xgb_shap");
    assertFalse(Files.exists(marker), "the title ran as code");
    assertTrue(
        explain.rows().contains("Wrote 5 rows into housing.xgb_shap"), explain.rows().toString());
    assertTrue(
        explain.rows().stream().anyMatch(r -> r.matches("rooms = \\d+\\.\\d{4}")),
        explain.rows().toString());
    Set<String> features = new HashSet<>();
    double previous = Double.MAX_VALUE;
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT feature, mean_abs_shap FROM housing.xgb_shap ORDER BY mean_abs_shap DESC")) {
      while (rs.next()) {
        assertTrue(features.add(rs.getString(1)), "feature twice: " + rs.getString(1));
        assertTrue(rs.getDouble(2) <= previous && rs.getDouble(2) >= 0);
        previous = rs.getDouble(2);
      }
    }
    assertEquals(Set.of("rooms", "age", "distance", "tax", "crime"), features);
    String plotRow =
        explain.rows().stream()
            .filter(r -> r.startsWith("Wrote the summary plot"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(explain.rows().toString()));
    assertTrue(
        plotRow.endsWith("into housing.xgb_shap_plot: SELECT png FROM" + " housing.xgb_shap_plot"),
        plotRow);
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT explainer, width, height, png FROM housing.xgb_shap_plot")) {
      assertTrue(rs.next());
      assertEquals("TreeExplainer", rs.getString(1));
      byte[] png = rs.getBytes(4);
      assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
      ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
      assertEquals(rs.getLong(2), header.getInt());
      assertEquals(rs.getLong(3), header.getInt());
      assertTrue(plotRow.contains("(" + rs.getLong(2) + "x" + rs.getLong(3) + " PNG)"), plotRow);
      assertFalse(rs.next());
    }
  }

  @Test
  @Order(6)
  void xgboostExplainerWritesFscoreAndGainPerFeature() throws SQLException {
    assumeTrue(everyTest(), "run on MariaDB only");
    Log explain =
        run(
            "SELECT * FROM housing.test TO EXPLAIN sqlflow_models.it_xgb_housing"
                + " USING XGBoostExplainer INTO housing.xgb_scores");
    assertTrue(
        explain.rows().stream().anyMatch(r -> r.matches("rooms: fscore = \\d+, gain = .*")),
        explain.rows().toString());
    assertFalse(explain.rows().stream().anyMatch(r -> r.contains("plot")));
    assertEquals(5, scalar("SELECT COUNT(*) FROM housing.xgb_scores"));
    assertEquals(
        0,
        scalar(
            "SELECT COUNT(*) FROM housing.xgb_scores WHERE fscore < 1"
                + " OR gain <= 0 OR feature NOT IN ('rooms', 'age', 'distance', 'tax', 'crime')"));
  }

  @Test
  @Order(8)
  void sparseIndexListsAndKeyValuePairsTrainAndPredict() throws SQLException {
    assumeTrue(everyTest(), "run on MariaDB only");
    // Iris with its petals as sparse features: an index list of two bucket ids per row, and
    // the same ids with the measurements as key:value pairs.
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      for (String part : List.of("train", "test")) {
        s.execute("DROP TABLE IF EXISTS iris.sparse_" + part);
        s.execute(
            "CREATE TABLE iris.sparse_"
                + part
                + " AS SELECT"
                + " CONCAT(FLOOR(petal_length), ',', 10 + FLOOR(petal_width * 2)) AS ids,"
                + " CONCAT(FLOOR(petal_length), ':', ROUND(petal_length, 2), ',',"
                + " 10 + FLOOR(petal_width * 2), ':', ROUND(petal_width, 2)) AS pairs, class"
                + " FROM iris."
                + part);
      }
    }
    for (String column : List.of("ids", "pairs")) {
      String model = "sqlflow_models.it_xgb_sparse_" + column;
      Log train =
          run(
              "SELECT * FROM iris.sparse_train TO TRAIN XGBClassifier WITH"
                  + " objective = \"multi:softprob\", num_class = 3, train.num_boost_round = 10"
                  + " COLUMN SPARSE("
                  + column
                  + ", 16) LABEL class INTO "
                  + model);
      assertTrue(
          train.rows().get(train.rows().size() - 1).startsWith("Job finished"),
          train.rows().toString());
      run(
          "SELECT "
              + column
              + ", class AS true_class FROM iris.sparse_test TO PREDICT"
              + " iris.sparse_predict_"
              + column
              + ".class USING "
              + model);
      assertEquals(40, scalar("SELECT COUNT(*) FROM iris.sparse_predict_" + column));
      double accuracy =
          scalar(
              "SELECT AVG(CASE WHEN class = true_class THEN 1.0 ELSE 0.0"
                  + " END) FROM iris.sparse_predict_"
                  + column);
      assertTrue(accuracy >= 0.85, column + " accuracy " + accuracy);
    }
  }

  @Test
  @Order(7)
  void badAndHostileAttributesFailBeforeAnythingRuns() throws Exception {
    Path marker = Files.createTempDirectory("hostile").resolve("pwned");
    String payload = "__import__('os').system('touch " + marker + "')";
    String housing = "SELECT * FROM housing.train TO TRAIN XGBRegressor WITH ";
    String[][] cases = {
      {
        housing + "max_dept = 3 LABEL price INTO sqlflow_models.bad",
        "unknown attribute 'max_dept' for XGBRegressor; did you mean 'max_depth'?"
      },
      {
        housing + "eta = 2 LABEL price INTO sqlflow_models.bad",
        "eta must be a number in [0, 1], got 2"
      },
      {
        housing + "num_class = 3 LABEL price INTO sqlflow_models.bad",
        "num_class applies to the multi:softmax and multi:softprob objectives"
      },
      {
        housing
            + "objective = \"reg:squarederror\\\")\\n"
            + payload
            + " #\""
            + " LABEL price INTO sqlflow_models.bad",
        "objective must be one of reg:squarederror"
      },
      {
        housing
            + "eval_metric = [\"rmse\", \""
            + payload
            + "\"] LABEL price"
            + " INTO sqlflow_models.bad",
        "eval_metric must be a name or a list of names"
      },
      {
        housing + "train.batch_size = 0 LABEL price INTO sqlflow_models.bad",
        "train.batch_size must be -1 (all rows) or a positive integer, got 0"
      },
      {
        "SELECT * FROM iris.train TO TRAIN XGBClassifier"
            + IRIS_COLUMNS
            + " INTO sqlflow_models.bad",
        "objective binary:logistic needs class ids 0..1"
      },
      {
        "SELECT * FROM housing.test TO EXPLAIN sqlflow_models.it_xgb_housing WITH"
            + " summary.title = \"two\\nlines\" USING TreeExplainer",
        "summary.title must be a one-line string"
      },
      {
        "SELECT * FROM housing.test TO EXPLAIN sqlflow_models.it_xgb_housing WITH"
            + " label_col = \"price'); "
            + payload
            + " #\"",
        "is not a column of the SELECT"
      },
      {
        "SELECT * FROM housing.test TO EXPLAIN sqlflow_models.it_xgb_housing"
            + " USING DeepExplainer",
        "DeepExplainer does not explain XGBRegressor models"
      }
    };
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      for (String[] bad : cases) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(bad[0]), bad[0]);
        assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
      }
      try (ResultSet jobs = s.executeQuery("SHOW JOBS")) {
        while (jobs.next()) {
          assertFalse(
              jobs.getString("statement").contains("sqlflow_models.bad")
                  || jobs.getString("statement").contains("summary.title = \"two"),
              "a job started for a bad statement");
        }
      }
    }
    assertFalse(Files.exists(marker), "a statement ran code it did not ask for");
  }

  private static List<Double> trainRmse(Log log) {
    List<Double> values = new ArrayList<>();
    for (String row : log.rows()) {
      Matcher round = ROUND.matcher(row);
      if (round.matches()) {
        values.add(Double.parseDouble(round.group(3)));
      }
    }
    return values;
  }
}
