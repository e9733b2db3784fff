package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.testing.FakeTrainingHandler;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * On the embedded database: ended jobs leave after --job-retention; clients never see the registry.
 */
class RegistryRetentionIT {

  private static List<String> readAll(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private static boolean listed(Connection c, long id) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet jobs = s.executeQuery("SHOW JOBS")) {
      while (jobs.next()) {
        if (jobs.getLong("id") == id) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void anEndedJobAndItsLogAreRemovedAfterTheRetentionARunningOneNever() throws Exception {
    try (Backend backend =
            TestBackends.H2.start(
                List.of("--job-retention", "2s", "--registry-poll-ms", "200"),
                (options, database, dataDir) -> new FakeTrainingHandler(options.python()));
        Connection c = backend.sqlflow()) {
      long shortJob = submit(c, "--epochs 1");
      long longJob = submit(c, "--epochs 12 --pause 0.5");
      List<String> log = readAll(c, "SHOW JOB LOG " + shortJob);
      assertTrue(log.get(log.size() - 1).startsWith("Job finished"), log.toString());
      long deadline = System.nanoTime() + 8_000_000_000L;
      while (listed(c, shortJob)) {
        assertTrue(System.nanoTime() < deadline, "the ended job is still listed");
        Thread.sleep(100);
      }
      SQLException gone =
          assertThrows(SQLException.class, () -> readAll(c, "SHOW JOB LOG " + shortJob));
      assertEquals(ErrorCode.UNKNOWN_JOB.code(), gone.getErrorCode());
      // Running longer than the retention: still there, and its log whole.
      assertTrue(listed(c, longJob));
      List<String> longLog = readAll(c, "SHOW JOB LOG " + longJob);
      assertEquals("Done parsing", longLog.get(0));
      assertTrue(longLog.contains("epoch 11, train_loss = 0.0833"), longLog.toString());
    }
  }

  @Test
  void clientsCannotReachTheRegistryThroughPassThroughSql() throws Exception {
    try (Backend backend =
            TestBackends.H2.start(
                List.of(),
                (options, database, dataDir) -> new FakeTrainingHandler(options.python()));
        Connection c = backend.sqlflow()) {
      submit(c, "--epochs 1");
      for (String sql :
          List.of(
              "SELECT * FROM sqlflow_jobs.jobs",
              "SELECT * FROM sqlflow_jobs.job_log",
              "DELETE FROM sqlflow_jobs.jobs")) {
        SQLException e = assertThrows(SQLException.class, () -> readAll(c, sql));
        assertFalse(e.getMessage().isEmpty());
      }
    }
  }

  private static long submit(Connection c, String args) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SUBMIT SELECT 1 TO TRAIN Fake WITH fake.args = \"" + args + "\" INTO m")) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
