package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/** A real TensorFlow training, SUBMITted: it stores its model after its connection closed. */
class SubmitTensorFlowIT {

  @Test
  void aSubmittedTrainingStoresItsModelAfterTheConnectionClosed() throws Exception {
    try (Backend backend = TestBackends.H2.start(List.of("--sample-data"))) {
      long id;
      try (Connection c = backend.sqlflow();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SUBMIT SELECT * FROM iris.train TO TRAIN DNNClassifier"
                      + " WITH model.n_classes = 3, model.hidden_units = [10], train.epoch = 3"
                      + " LABEL class INTO sqlflow_models.submitted_dnn")) {
        assertTrue(rs.next());
        id = rs.getLong("job_id");
      }
      // The submitting connection is closed; another one follows the job to its end.
      List<String> log = new ArrayList<>();
      try (Connection c = backend.sqlflow();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW JOB LOG " + id)) {
        while (rs.next()) {
          log.add(rs.getString(1));
        }
      }
      assertTrue(log.contains("Saving model into sqlflow_models.submitted_dnn"), log.toString());
      assertTrue(log.get(log.size() - 1).startsWith("Job finished"), log.toString());
      try (Connection c = backend.sqlflow();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW TRAIN sqlflow_models.submitted_dnn")) {
        assertTrue(rs.next());
        assertEquals("sqlflow_models.submitted_dnn", rs.getString(1));
        assertTrue(
            rs.getString(2).startsWith("SELECT * FROM iris.train TO TRAIN"), rs.getString(2));
      }
    }
  }
}
