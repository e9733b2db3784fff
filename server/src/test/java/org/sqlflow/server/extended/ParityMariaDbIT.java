package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
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

  private static void assertFinished(Log log) {
    List<String> rows = log.rows();
    assertTrue(rows.get(rows.size() - 1).startsWith("Job finished"), "no Job finished in " + rows);
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
}
