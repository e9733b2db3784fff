package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sqlflow.server.registry.JobClient.fake;
import static org.sqlflow.server.registry.JobClient.readAll;
import static org.sqlflow.server.registry.JobClient.submit;

import java.sql.Connection;
import java.sql.SQLException;
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

  @Test
  void anEndedJobAndItsLogAreRemovedAfterTheRetentionARunningOneNever() throws Exception {
    try (Backend backend =
            TestBackends.H2.start(
                List.of("--job-retention", "2s", "--registry-poll-ms", "200"),
                (options, database, dataDir) -> new FakeTrainingHandler(options.python()));
        Connection c = backend.sqlflow()) {
      long shortJob = submit(c, fake("--epochs 1"));
      long longJob = submit(c, fake("--epochs 12 --pause 0.5"));
      List<String> log = readAll(c, "SHOW JOB LOG " + shortJob);
      assertTrue(log.get(log.size() - 1).startsWith("Job finished"), log.toString());
      long deadline = System.nanoTime() + 8_000_000_000L;
      while (!JobClient.listing(c, shortJob).equals("absent")) {
        assertTrue(System.nanoTime() < deadline, "the ended job is still listed");
        Thread.sleep(100);
      }
      SQLException gone =
          assertThrows(SQLException.class, () -> readAll(c, "SHOW JOB LOG " + shortJob));
      assertEquals(ErrorCode.UNKNOWN_JOB.code(), gone.getErrorCode());
      // Running longer than the retention: still there, and its log whole.
      assertTrue(JobClient.stateOf(c, longJob).equals("RUNNING"));
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
      submit(c, fake("--epochs 1"));
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
}
