package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * What the model contracts share: a server in front of a fresh backend holding the sample data
 * (iris, housing), and extended statements run through the real driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SampleDataContract {
  protected Backend backend;

  protected abstract TestBackends kind();

  /** Server options beyond the test defaults. */
  protected List<String> serverArgs() {
    return List.of();
  }

  @BeforeAll
  void start() throws Exception {
    backend = kind().start(serverArgs());
    try (Connection c = backend.direct()) {
      SampleData.load(c, SqlDialect.forUrl(backend.directUrl()));
    }
  }

  @AfterAll
  void stop() throws Exception {
    backend.close();
  }

  /** The log rows of an extended statement, each with the time it reached next(). */
  record Log(List<String> rows, List<Long> receivedAt) {
    int indexOf(String prefix) {
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).startsWith(prefix)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * Asserts the rows every training log begins and ends with (saving into {@code model}) and
   * returns the indexes of its Keras epoch rows.
   */
  protected static List<Integer> assertTrainingLog(Log train, String model) {
    List<String> rows = train.rows();
    assertEquals(
        List.of("Done parsing", "Done verifying", "Done code generation", "Start training"),
        rows.subList(0, 4),
        rows.toString());
    int last = rows.size() - 1;
    assertTrue(rows.get(last).matches("Job finished\\. Time elapsed \\d+\\.\\d s"), rows.get(last));
    assertEquals("Saving model into " + model, rows.get(last - 1));
    assertEquals("Done training", rows.get(last - 2));
    List<Integer> epochs = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).matches("epoch \\d+, train_loss = \\d+\\.\\d{4}.*")) {
        epochs.add(i);
      }
    }
    return epochs;
  }

  /** Asserts that a statement's log ends with "Job finished". */
  protected static void assertFinished(Log log) {
    List<String> rows = log.rows();
    assertTrue(rows.get(rows.size() - 1).startsWith("Job finished"), "no Job finished in " + rows);
  }

  /** Runs {@code sql} through the driver, reading every log row as it arrives. */
  protected Log run(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
        times.add(System.nanoTime());
      }
    }
    return new Log(rows, times);
  }

  /** The first column of the first row of a query through the driver. */
  protected double scalar(String sql) throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), "no row for " + sql);
      return rs.getDouble(1);
    }
  }

  /** SHOW TRAIN answers one row: the model's name and the statement that trained it. */
  protected void assertShowTrain(String model, String statement) throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW TRAIN " + model)) {
      assertEquals("Model", rs.getMetaData().getColumnLabel(1));
      assertEquals("Train Statement", rs.getMetaData().getColumnLabel(2));
      assertTrue(rs.next());
      assertEquals(model, rs.getString(1));
      assertEquals(statement, rs.getString(2));
      assertFalse(rs.next());
    }
  }
}
