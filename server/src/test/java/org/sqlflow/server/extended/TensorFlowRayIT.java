package org.sqlflow.server.extended;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.sqlflow.server.job.ray.RayJobsApi;
import org.sqlflow.server.testing.TestBackends;

/**
 * The TensorFlow contract with every job run on the local Ray cluster that {@code bin/ray-up}
 * starts (a head and one worker node): the same log rows, failures, cancels and stored models as
 * with local processes; then what only a cluster has (KILL JOB, query timeout and close stopping a
 * Ray job, a program failing there, training over two workers on the two nodes); and after every
 * test, no Ray job or job process left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TensorFlowRayIT extends TensorFlowContract {
  private static final String COLUMNS =
      " COLUMN sepal_length, sepal_width, petal_length, petal_width LABEL class";
  private static final String TRAIN =
      "SELECT * FROM iris.train TO TRAIN DNNClassifier"
          + " WITH model.n_classes = 3, model.hidden_units = [10, 20], train.epoch = 20,"
          + " train.seed = 7"
          + COLUMNS
          + " INTO sqlflow_models.ray_dnn";
  private static final String LONG_TRAIN =
      TRAIN
          .replace("train.epoch = 20", "train.epoch = 5000")
          .replace("sqlflow_models.ray_dnn", "sqlflow_models.ray_long");

  private static final List<String> RAY_TRAIN_SINGLETONS =
      List.of("ray::_AutoscalingCoordinatorActor", "ray::TrainStateActor");

  private final RayJobsApi ray = new RayJobsApi(rayAddress());

  static URI rayAddress() {
    return URI.create(System.getProperty("sqlflow.test.ray.address", "http://127.0.0.1:8265"));
  }

  @Override
  protected TestBackends kind() {
    return TestBackends.MARIADB;
  }

  @Override
  protected List<String> serverArgs() {
    try {
      ray.fetchVersion();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(
          "no Ray cluster at " + rayAddress() + " (start one with bin/ray-up): " + e, e);
    }
    return List.of("--ray-address", rayAddress().toString());
  }

  @Override
  protected boolean onRay() {
    return true;
  }

  /** Every test of the contract and of this class: nothing of it runs on after it ended. */
  @AfterEach
  void nothingLeftOnRay() throws Exception {
    assertNothingLeftOnRay();
  }

  @Test
  @Order(11)
  void aFailingProgramGivesItsConciseCause() throws Exception {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () -> {
                try (ResultSet rs =
                    s.executeQuery(
                        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3"
                            + " COLUMN CATEGORY_ID(sepal_length, 3) LABEL class"
                            + " INTO sqlflow_models.ray_bad")) {
                  while (rs.next()) {
                    // drain
                  }
                }
              });
      // The exception line of the program's traceback, as the local backend reports it.
      assertTrue(
          e.getMessage()
              .contains(
                  "ValueError: column 'sepal_length': category id 5.1 is not an integer in [0, 3)"),
          e.getMessage());
      assertFalse(e.getMessage().contains("Traceback"), e.getMessage());
    }
  }

  @Test
  @Order(12)
  void killJobStopsTheRayJob() throws Exception {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        Connection admin = backend.sqlflow();
        Statement a = admin.createStatement()) {
      ResultSet rs = s.executeQuery(LONG_TRAIN);
      awaitEpoch(rs);
      long jobId = -1;
      try (ResultSet jobs = a.executeQuery("SHOW JOBS")) {
        while (jobs.next()) {
          if (jobs.getString("statement").equals(LONG_TRAIN)
              && jobs.getString("state").equals("RUNNING")) {
            jobId = jobs.getLong("id");
          }
        }
      }
      assertTrue(jobId > 0, "SHOW JOBS did not list the running job");
      assertEquals(1, a.executeUpdate("KILL JOB " + jobId));
      SQLException killed =
          assertThrows(
              SQLException.class,
              () -> {
                while (rs.next()) {
                  // rows printed before the kill, then the kill's error
                }
              });
      assertTrue(killed.getMessage().contains("KILL JOB"), killed.getMessage());
    }
  }

  @Test
  @Order(13)
  void queryTimeoutAndStatementCloseStopTheRayJob() throws Exception {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(25);
      ResultSet rs = s.executeQuery(LONG_TRAIN);
      SQLException timedOut =
          assertThrows(
              SQLException.class,
              () -> {
                while (rs.next()) {
                  // only the timeout ends this
                }
              });
      assertTrue(timedOut.getMessage().contains("cancel"), timedOut.getMessage());
    }
    assertNothingLeftOnRay();
    try (Connection c = backend.sqlflow()) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery(LONG_TRAIN);
      awaitEpoch(rs);
      s.close();
    }
  }

  @Test
  @Order(14)
  void twoTrainWorkersRunOnTheClustersTwoNodes() throws Exception {
    Log train =
        run(
            TRAIN
                .replace("train.epoch = 20", "train.epoch = 2, train.workers = 2")
                .replace("sqlflow_models.ray_dnn", "sqlflow_models.ray_workers"));
    List<String> rows = train.rows();
    assertOnBothNodes(rows);
    // One log stream: rank 0's epoch rows only.
    assertEquals(
        2,
        rows.stream().filter(row -> row.matches("epoch \\d+, train_loss = .*")).count(),
        rows.toString());
    assertTrue(rows.get(rows.size() - 1).startsWith("Job finished"), rows.toString());
    Log predict =
        run(
            "SELECT * FROM iris.test TO PREDICT iris.ray_workers_predict.class"
                + " USING sqlflow_models.ray_workers");
    assertTrue(
        predict.rows().stream().anyMatch(r -> r.contains("40 rows")), predict.rows().toString());
    // TRAIN ... USING on two workers continues the stored model: its first epoch starts lower.
    Log continued =
        run(
            TRAIN
                .replace("train.epoch = 20", "train.epoch = 1, train.workers = 2")
                .replace(" INTO sqlflow_models.ray_dnn", " USING sqlflow_models.ray_workers INTO")
                .concat(" sqlflow_models.ray_workers_more"));
    assertOnBothNodes(continued.rows());
    assertTrue(
        firstEpochLoss(continued) < firstEpochLoss(train),
        "continued " + continued.rows() + " vs fresh " + rows);
  }

  @Test
  @Order(15)
  void xgboostBoostsOnTwoWorkersOfTheTwoNodesAsOneModel() throws Exception {
    Log train =
        run(
            "SELECT * FROM iris.train TO TRAIN xgboost.gbtree WITH"
                + " objective = \"multi:softprob\", num_class = 3, max_depth = 3,"
                + " train.num_boost_round = 15, train.workers = 2"
                + COLUMNS
                + " INTO sqlflow_models.ray_xgb_workers");
    List<String> rows = train.rows();
    assertOnBothNodes(rows);
    // One log stream: rank 0's round lines, each round once, metrics over both workers' rows.
    List<String> rounds =
        rows.stream().filter(row -> row.matches("\\[\\d+]\\ttrain-mlogloss:.*")).toList();
    assertEquals(15, rounds.size(), rows.toString());
    for (int i = 0; i < rounds.size(); i++) {
      assertTrue(rounds.get(i).startsWith("[" + i + "]\t"), rounds.toString());
    }
    assertTrue(rows.get(rows.size() - 1).startsWith("Job finished"), rows.toString());
    assertEquals("Saving model into sqlflow_models.ray_xgb_workers", rows.get(rows.size() - 2));

    run(
        "SELECT sepal_length, sepal_width, petal_length, petal_width, class AS true_class"
            + " FROM iris.test TO PREDICT iris.ray_xgb_predict.class"
            + " USING sqlflow_models.ray_xgb_workers");
    assertEquals(40, scalar("SELECT COUNT(*) FROM iris.ray_xgb_predict"));
    double accuracy =
        scalar(
            "SELECT AVG(CASE WHEN class = true_class THEN 1.0 ELSE 0.0 END)"
                + " FROM iris.ray_xgb_predict");
    System.out.println("XGBoost on 2 Ray workers: accuracy on iris.test " + accuracy);
    assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
    run(
        "SELECT * FROM iris.test TO EVALUATE sqlflow_models.ray_xgb_workers"
            + " WITH validation.metrics = \"accuracy_score\" LABEL class"
            + " INTO iris.ray_xgb_evaluation");
    assertEquals(
        accuracy,
        scalar("SELECT accuracy_score FROM iris.ray_xgb_evaluation"),
        1e-9,
        "EVALUATE's accuracy vs PREDICT's, computed in SQL");
    // TRAIN ... USING on two workers: more rounds on the stored booster, starting where it ended.
    Log continued =
        run(
            "SELECT * FROM iris.train TO TRAIN xgboost.gbtree WITH"
                + " objective = \"multi:softprob\", num_class = 3, max_depth = 3,"
                + " train.num_boost_round = 3, train.workers = 2"
                + COLUMNS
                + " USING sqlflow_models.ray_xgb_workers INTO sqlflow_models.ray_xgb_more");
    assertOnBothNodes(continued.rows());
    double more = firstRoundLoss(continued.rows());
    assertTrue(more < firstRoundLoss(rows), "continued at " + more + " vs fresh " + rounds);
  }

  private static double firstRoundLoss(List<String> rows) {
    for (String row : rows) {
      Matcher round = Pattern.compile("^\\[0]\\ttrain-mlogloss:([0-9.]+)").matcher(row);
      if (round.find()) {
        return Double.parseDouble(round.group(1));
      }
    }
    throw new AssertionError("no round 0 in " + rows);
  }

  /** The row naming the ranks' nodes: one on the head node, one on the worker node. */
  private static void assertOnBothNodes(List<String> rows) throws Exception {
    String placed =
        rows.stream()
            .filter(row -> row.startsWith("Training on 2 Ray workers: "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(rows.toString()));
    Matcher nodes = Pattern.compile("rank 0 on node (\\w+), rank 1 on node (\\w+)").matcher(placed);
    assertTrue(nodes.find(), placed);
    Map<String, Boolean> cluster = clusterNodes();
    assertEquals(2, cluster.size(), cluster.toString());
    // One worker on the head node, one on the worker node: both machines of a real cluster.
    assertEquals(
        Set.of(true, false),
        Set.of(cluster.get(nodes.group(1)), cluster.get(nodes.group(2))),
        placed + " " + cluster);
  }

  /** The cluster's alive nodes from Ray's state API: node id to whether it is the head. */
  private static Map<String, Boolean> clusterNodes() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(rayAddress().resolve("/api/v0/nodes")).build(),
                HttpResponse.BodyHandlers.ofString());
    Map<String, Boolean> nodes = new HashMap<>();
    for (JsonNode node : new ObjectMapper().readTree(response.body()).at("/data/result/result")) {
      if (node.path("state").asText().equals("ALIVE")) {
        nodes.put(node.path("node_id").asText(), node.path("is_head_node").asBoolean());
      }
    }
    return nodes;
  }

  private static void awaitEpoch(ResultSet rs) throws SQLException {
    while (rs.next()) {
      if (rs.getString(1).startsWith("epoch 1,")) {
        return;
      }
    }
    throw new AssertionError("the job ended before its second epoch");
  }

  /**
   * No job of this server runs on the cluster any more (ended jobs are deleted), and no process
   * runs in a Ray job's working directory: the wrapper, the program, its Ray workers.
   */
  private void assertNothingLeftOnRay() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Map<String, String> jobs = ray.listJobs();
      List<String> running =
          jobs.entrySet().stream()
              .filter(job -> job.getKey().startsWith("sqlflow-"))
              .filter(job -> !List.of("STOPPED", "SUCCEEDED", "FAILED").contains(job.getValue()))
              .map(job -> job.getKey() + "=" + job.getValue())
              .toList();
      List<String> processes = processesInRayWorkingDirs();
      if (running.isEmpty() && processes.isEmpty()) {
        return;
      }
      assertTrue(
          System.nanoTime() < deadline,
          "left on Ray after 20 s: jobs " + running + ", processes " + processes);
      Thread.sleep(200);
    }
  }

  /**
   * Processes whose directory is a Ray job's working directory or the wrapper's copy of one, but
   * Ray Train's cluster-wide detached actors: the first distributed training creates them in its
   * job's directory and Ray keeps them for the cluster's lifetime (see docs/ray.md).
   */
  private static List<String> processesInRayWorkingDirs() {
    List<String> found = new ArrayList<>();
    ProcessHandle.allProcesses()
        .forEach(
            p -> {
              Path proc = Path.of("/proc", Long.toString(p.pid()));
              try {
                String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
                String command =
                    new String(Files.readAllBytes(proc.resolve("cmdline")), UTF_8)
                        .replace('\0', ' ')
                        .strip();
                if ((cwd.contains("_ray_pkg_") || cwd.contains("/sqlflow-job-"))
                    && RAY_TRAIN_SINGLETONS.stream().noneMatch(command::startsWith)) {
                  found.add(p.pid() + " " + command);
                }
              } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // gone, or not ours to read
              }
            });
    return found;
  }
}
