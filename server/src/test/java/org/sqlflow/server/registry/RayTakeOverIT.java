package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.extended.SampleData;
import org.sqlflow.server.job.ray.RayJobStatus;
import org.sqlflow.server.job.ray.RayJobsApi;
import org.sqlflow.server.testing.ServerProcess;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * A server that runs its jobs on the local Ray cluster ({@code bin/ray-up}) is SIGKILLed while a
 * SUBMITted TensorFlow training runs on the cluster. The Ray job runs on; the restarted server
 * takes it over and follows it; stopped gracefully, it leaves the job running; the job ends while
 * no server runs; the next start finishes it: SHOW JOB LOG has every epoch row exactly once, the
 * model is stored and PREDICT uses it, and nothing is left on the cluster.
 */
class RayTakeOverIT {
  private static final Pattern EPOCH = Pattern.compile("^epoch (\\d+), train_loss = .*");
  private static final int EPOCHS = 600;
  private static final String MODEL = "sqlflow_models.ray_takeover";
  private static final String TRAIN =
      "SELECT * FROM iris.train TO TRAIN DNNClassifier"
          + " WITH model.n_classes = 3, model.hidden_units = [10, 20], train.epoch = "
          + EPOCHS
          + ", train.seed = 7"
          + " COLUMN sepal_length, sepal_width, petal_length, petal_width LABEL class"
          + " INTO "
          + MODEL;

  private final RayJobsApi ray =
      new RayJobsApi(
          URI.create(System.getProperty("sqlflow.test.ray.address", "http://127.0.0.1:8265")));

  /** A server of its own JVM (the packaged jar) with the observer's options, data in dataDir. */
  private static ServerProcess crashable(Backend observer, Path dataDir) throws Exception {
    List<String> args = new ArrayList<>(observer.args());
    args.addAll(List.of("--data-dir", dataDir.toString(), "--registry-poll-ms", "200"));
    return ServerProcess.start(List.of(), args);
  }

  @Test
  void restartedServersTakeOverTheirRayJobAndFinishIt() throws Exception {
    ray.fetchVersion();
    try (Backend observer =
        TestBackends.MARIADB.start(List.of("--ray-address", ray.address().toString()))) {
      try (Connection c = observer.direct()) {
        SampleData.load(c, SqlDialect.MYSQL);
      }
      Path dataDir = Files.createTempDirectory("sqlflow-it-takeover-");
      long id;
      String placement;
      int epochBeforeKill;
      try (ServerProcess server = crashable(observer, dataDir)) {
        try (Connection c = DriverManager.getConnection(server.url())) {
          id = JobClient.submit(c, TRAIN);
          epochBeforeKill = awaitEpochRow(c, id);
          placement = runsOn(c, id);
        }
        server.kill();
      }
      // SHOW JOBS said where it runs: the Ray job and the node Ray reports for it.
      Matcher where = Pattern.compile("ray:(sqlflow-[0-9a-f]+-job-\\d+)@(\\w+)").matcher(placement);
      assertTrue(where.matches(), placement);
      String submissionId = where.group(1);
      Optional<RayJobStatus> status = ray.fetchStatus(submissionId);
      assertTrue(status.isPresent(), "the Ray job is gone after the server was killed");
      assertEquals(where.group(2), status.get().driverNodeId());
      assertFalse(
          status.get().isTerminal(),
          "the training ended before the server was killed: raise EPOCHS");

      // Restarted under the same name: it takes the job over at start. Then stopped gracefully
      // (SIGTERM) while the job still runs: it leaves the Ray job running for the next start.
      long restart = System.nanoTime();
      try (ServerProcess again = crashable(observer, dataDir)) {
        long listening = System.nanoTime() - restart;
        try (Connection c = DriverManager.getConnection(again.url())) {
          long newRow = awaitEpochAfter(c, id, epochBeforeKill + 3) - restart;
          System.out.printf(
              "take-over after kill -9: the restarted server listened %d ms after the restart"
                  + " began (the take-over is done before), a new epoch row reached its reader"
                  + " after %d ms%n",
              listening / 1_000_000, newRow / 1_000_000);
        }
      }
      assertTrue(
          ray.fetchStatus(submissionId).map(s -> !s.isTerminal()).orElse(false),
          "a graceful stop stopped the Ray job, or it ended too soon: raise EPOCHS");
      // The job ends while no server follows it: the next start finds it ended and finishes it.
      awaitEnded(submissionId);

      try (ServerProcess again = crashable(observer, dataDir);
          Connection c = DriverManager.getConnection(again.url())) {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
            ResultSet log = s.executeQuery("SHOW JOB LOG " + id)) {
          while (log.next()) {
            rows.add(log.getString(1));
          }
        }
        assertEquals(
            List.of("Done parsing", "Done verifying", "Done code generation", "Start training"),
            rows.subList(0, 4),
            rows.toString());
        List<Integer> epochs = new ArrayList<>();
        for (String row : rows) {
          Matcher epoch = EPOCH.matcher(row);
          if (epoch.matches()) {
            epochs.add(Integer.parseInt(epoch.group(1)));
          }
        }
        List<Integer> expected = new ArrayList<>();
        for (int e = 0; e < EPOCHS; e++) {
          expected.add(e);
        }
        // Each epoch row once, in order: none lost at the crash, none repeated at the take-over.
        assertEquals(expected, epochs, rows.toString());
        int last = rows.size() - 1;
        assertTrue(
            rows.get(last).matches("Job finished\\. Time elapsed \\d+\\.\\d s"), rows.get(last));
        assertEquals("Saving model into " + MODEL, rows.get(last - 1));
        assertEquals("Done training", rows.get(last - 2));
        assertEquals("SUCCEEDED", JobClient.stateOf(c, id));

        try (Statement s = c.createStatement();
            ResultSet predict =
                s.executeQuery(
                    "SELECT sepal_length, sepal_width, petal_length, petal_width,"
                        + " class AS true_class FROM iris.test"
                        + " TO PREDICT iris.ray_takeover_predict.class USING "
                        + MODEL)) {
          while (predict.next()) {
            // the prediction's log
          }
        }
      }
      try (Connection c = observer.direct();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT COUNT(*), AVG(CASE WHEN class = true_class THEN 1.0 ELSE 0.0 END)"
                      + " FROM iris.ray_takeover_predict")) {
        assertTrue(rs.next());
        assertEquals(40, rs.getInt(1));
        assertTrue(rs.getDouble(2) >= 0.8, "accuracy " + rs.getDouble(2));
      }
      assertGoneFromRay(submissionId);
    }
  }

  /** Waits until the job logged its second epoch row; returns that epoch's number. */
  private static int awaitEpochRow(Connection c, long id) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet log = s.executeQuery("SHOW JOB LOG " + id)) {
      while (log.next()) {
        Matcher epoch = EPOCH.matcher(log.getString(1));
        if (epoch.matches() && Integer.parseInt(epoch.group(1)) >= 2) {
          return Integer.parseInt(epoch.group(1));
        }
      }
    }
    throw new AssertionError("the job ended before its second epoch");
  }

  /** Reads the job's log until an epoch row after {@code epoch}; returns when it arrived. */
  private static long awaitEpochAfter(Connection c, long id, int epoch) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet log = s.executeQuery("SHOW JOB LOG " + id)) {
      while (log.next()) {
        Matcher m = EPOCH.matcher(log.getString(1));
        if (m.matches() && Integer.parseInt(m.group(1)) > epoch) {
          return System.nanoTime();
        }
      }
    }
    throw new AssertionError("the job ended before epoch " + (epoch + 1));
  }

  /** The job's SHOW JOBS runs_on, once it names a node. */
  private static String runsOn(Connection c, long id) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      try (Statement s = c.createStatement();
          ResultSet jobs = s.executeQuery("SHOW JOBS")) {
        assertEquals("runs_on", jobs.getMetaData().getColumnLabel(8));
        while (jobs.next()) {
          if (jobs.getLong("id") == id && jobs.getString("runs_on").contains("@")) {
            return jobs.getString("runs_on");
          }
        }
      }
      assertTrue(System.nanoTime() < deadline, "SHOW JOBS never named the job's node");
      Thread.sleep(200);
    }
  }

  private void awaitEnded(String submissionId) throws Exception {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!ray.fetchStatus(submissionId).orElseThrow().isTerminal()) {
      assertTrue(System.nanoTime() < deadline, "the Ray job did not end within 5 minutes");
      Thread.sleep(500);
    }
    assertEquals("SUCCEEDED", ray.fetchStatus(submissionId).orElseThrow().status());
  }

  /** The taken-over server deletes the ended Ray job: nothing of it is left on the cluster. */
  private void assertGoneFromRay(String submissionId) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      Map<String, String> jobs = ray.listJobs();
      if (!jobs.containsKey(submissionId)) {
        return;
      }
      assertFalse(System.nanoTime() > deadline, "left on Ray: " + submissionId + "=" + jobs);
      Thread.sleep(200);
    }
  }
}
