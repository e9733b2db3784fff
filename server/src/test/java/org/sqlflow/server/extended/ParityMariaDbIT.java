package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;

/**
 * SQLFlow's remaining forms through the real driver on MariaDB: per-part optimizers, string labels,
 * PREDICT without a result column, extra prediction outputs. Small data and few epochs: these pin
 * that the forms run and what they write, the model quality is TensorFlowContract's business.
 */
class ParityMariaDbIT extends SampleDataContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.MARIADB;
  }

  /**
   * {@code <prefix>train} and {@code <prefix>test}: iris with its class as a name (species),
   * replacing what an earlier run left (iris is the sample database every run shares).
   */
  private void namedIris(String prefix) throws SQLException {
    try (Connection direct = backend.direct();
        Statement s = direct.createStatement()) {
      for (String table : List.of("train", "test")) {
        s.execute("DROP TABLE IF EXISTS " + prefix + table);
        s.execute(
            "CREATE TABLE "
                + prefix
                + table
                + " AS SELECT sepal_length, sepal_width, petal_length, petal_width,"
                + " ELT(class + 1, 'setosa', 'versicolor', 'virginica') AS species FROM iris."
                + table);
      }
    }
  }

  @Test
  void sqlflowsCombinedModelWithItsOwnDnnOptimizerRuns() throws SQLException {
    // SQLFlow's end-to-end case as written (sqlflow-reference.md, statement 6).
    assertFinished(
        run(
            "SELECT * FROM iris.train TO TRAIN DNNLinearCombinedClassifier WITH"
                + " model.n_classes = 3, model.dnn_hidden_units = [10, 20], train.batch_size = 10,"
                + " train.epoch = 2, model.dnn_optimizer=RMSprop, dnn_optimizer.learning_rate=0.01"
                + " COLUMN sepal_length, sepal_width FOR linear_feature_columns"
                + " COLUMN petal_length, petal_width FOR dnn_feature_columns"
                + " LABEL class INTO sqlflow_models.my_dnn_linear_model"));
    assertFinished(
        run(
            "SELECT * FROM iris.test TO PREDICT iris.predict_parts.class"
                + " USING sqlflow_models.my_dnn_linear_model"));
    assertEquals(40, scalar("SELECT COUNT(*) FROM iris.predict_parts WHERE class IN (0, 1, 2)"));
  }

  @Test
  void optimizerArgumentsReachKerasAndHostileOnesAreRefused() throws SQLException {
    assertFinished(
        run(
            "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
                + " train.epoch = 1, model.optimizer = SGD, optimizer.learning_rate = 0.05,"
                + " optimizer.momentum = 0.9, optimizer.nesterov = TRUE"
                + " LABEL class INTO sqlflow_models.sgd_model"));
    SQLException typo =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.optimizer = Adamm"
                        + " LABEL class INTO sqlflow_models.never"));
    assertTrue(typo.getMessage().contains("did you mean 'Adam'?"), typo.getMessage());
    SQLException hostile =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM iris.train TO TRAIN DNNLinearCombinedClassifier WITH"
                        + " model.linear_optimizer = \"Ftrl'); import os; ('\","
                        + " linear_optimizer.learning_rate = \"0.1)\""
                        + " LABEL class INTO sqlflow_models.never"));
    assertTrue(
        hostile.getMessage().startsWith("model.linear_optimizer must be one of"),
        hostile.getMessage());
    assertEquals(
        0,
        scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'sqlflow_models'"
                + " AND table_name = 'never'"));
  }

  @Test
  void predictWithoutAColumnNamesItAfterTheLabelAndExtraOutputsAreColumns() throws SQLException {
    assertFinished(
        run(
            "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
                + " train.epoch = 3, train.seed = 1 LABEL class INTO sqlflow_models.parity_dnn"));
    // A bare table: the current database's, the column named after the label (class).
    assertFinished(
        run("SELECT * FROM iris.test TO PREDICT predicted_bare USING sqlflow_models.parity_dnn"));
    assertEquals(40, scalar("SELECT COUNT(*) FROM predicted_bare WHERE class IN (0, 1, 2)"));
    try (Connection direct = backend.direct();
        ResultSet columns =
            direct.getMetaData().getColumns(backend.database(), null, "predicted_bare", "class")) {
      assertTrue(columns.next());
      assertEquals(Types.BIGINT, columns.getInt("DATA_TYPE"));
    }

    SQLException ambiguous =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM iris.test TO PREDICT iris.predicted"
                        + " USING sqlflow_models.parity_dnn"));
    assertTrue(
        ambiguous.getMessage().startsWith("TO PREDICT iris.predicted is table iris, column"),
        ambiguous.getMessage());

    assertFinished(
        run(
            "SELECT * FROM iris.test TO PREDICT iris.predict_extra.class"
                + " WITH predict.extra_outputs = \"probability,probabilities\""
                + " USING sqlflow_models.parity_dnn"));
    assertEquals(
        40,
        scalar(
            "SELECT COUNT(*) FROM iris.predict_extra WHERE probability > 0.33"
                + " AND probability <= 1 AND probabilities LIKE '%,%,%'"));

    SQLException hostile =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM iris.test TO PREDICT iris.predict_hostile.class"
                        + " WITH predict.extra_outputs = \"probability`); DROP TABLE iris.train; --\""
                        + " USING sqlflow_models.parity_dnn"));
    assertTrue(
        hostile.getMessage().startsWith("predict.extra_outputs must be"), hostile.getMessage());
    assertEquals(110, scalar("SELECT COUNT(*) FROM iris.train"));
  }

  @Test
  void classNamesAsLabelsComeBackAsNamesFromPredictAndEvaluate() throws Exception {
    namedIris("iris.named_");
    assertFinished(
        run(
            "SELECT * FROM iris.named_train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
                + " train.epoch = 20, train.seed = 1, optimizer.learning_rate = 0.1"
                + " LABEL species INTO sqlflow_models.named_dnn"));
    assertFinished(
        run(
            "SELECT sepal_length, sepal_width, petal_length, petal_width, species AS truth"
                + " FROM iris.named_test TO PREDICT iris.named_predict.species"
                + " USING sqlflow_models.named_dnn"));
    double accuracy =
        scalar(
            "SELECT AVG(CASE WHEN species = truth THEN 1.0 ELSE 0.0 END) FROM iris.named_predict");
    assertTrue(accuracy >= 0.8, "accuracy " + accuracy);
    try (Connection direct = backend.direct();
        ResultSet columns =
            direct.getMetaData().getColumns("iris", null, "named_predict", "species")) {
      assertTrue(columns.next());
      assertEquals(Types.VARCHAR, columns.getInt("DATA_TYPE"));
    }
    assertFinished(
        run(
            "SELECT * FROM iris.named_test TO EVALUATE sqlflow_models.named_dnn"
                + " WITH validation.metrics = \"Accuracy\" LABEL species INTO iris.named_evaluation"));
    assertEquals(accuracy, scalar("SELECT accuracy FROM iris.named_evaluation"), 1e-9);
  }

  @Test
  void xgboostClassNamesComeBackAsNamesWithTheirProbabilities() throws Exception {
    String db = backend.database();
    namedIris(db + ".xgb_named_");
    assertFinished(
        run(
            "SELECT * FROM xgb_named_train TO TRAIN XGBClassifier WITH"
                + " objective = \"multi:softprob\", num_class = 3, train.num_boost_round = 10"
                + " LABEL species INTO sqlflow_models.xgb_named"));
    assertFinished(
        run(
            "SELECT sepal_length, sepal_width, petal_length, petal_width, species AS truth"
                + " FROM xgb_named_test TO PREDICT xgb_named_predict.species"
                + " WITH predict.extra_outputs = \"probability,probabilities\""
                + " USING sqlflow_models.xgb_named"));
    double accuracy =
        scalar(
            "SELECT AVG(CASE WHEN species = truth THEN 1.0 ELSE 0.0 END) FROM xgb_named_predict");
    assertTrue(accuracy >= 0.85, "accuracy " + accuracy);
    try (Connection direct = backend.direct();
        ResultSet columns =
            direct.getMetaData().getColumns(db, null, "xgb_named_predict", "species")) {
      assertTrue(columns.next());
      assertEquals(Types.VARCHAR, columns.getInt("DATA_TYPE"));
    }
    // probabilities are in class-id order, the names' sorted order: the largest is the name's.
    assertEquals(
        40,
        scalar(
            "SELECT COUNT(*) FROM (SELECT species, probability,"
                + " SUBSTRING_INDEX(probabilities, ',', 1) + 0 AS p0,"
                + " SUBSTRING_INDEX(SUBSTRING_INDEX(probabilities, ',', 2), ',', -1) + 0 AS p1,"
                + " SUBSTRING_INDEX(probabilities, ',', -1) + 0 AS p2 FROM xgb_named_predict) t"
                + " WHERE ABS(probability - GREATEST(p0, p1, p2)) < 1e-5 AND ELT(FIELD("
                + "GREATEST(p0, p1, p2), p0, p1, p2), 'setosa', 'versicolor', 'virginica')"
                + " = species"));
    assertFinished(
        run(
            "SELECT * FROM xgb_named_test TO EVALUATE sqlflow_models.xgb_named"
                + " WITH validation.metrics = \"accuracy_score\" LABEL species"
                + " INTO xgb_named_evaluation"));
    assertEquals(accuracy, scalar("SELECT accuracy_score FROM xgb_named_evaluation"), 1e-9);
  }
}
