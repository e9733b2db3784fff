package org.sqlflow.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;

/**
 * The corpus runner on a file of three statements of our own, against a real server on the embedded
 * database with its sample data, through the real driver and real XGBoost: one statement that runs,
 * one the verifier refuses, one the parser refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusRunnerIT {
  private static final String STATEMENTS =
      String.join(
          "\n",
          "-- origin: ours, runs",
          "-- needs: iris.train",
          "SELECT * FROM iris.train TO TRAIN xgboost.gbtree",
          "  WITH objective = \"multi:softprob\", num_class = 3, train.num_boost_round = 2",
          "  LABEL class INTO corpus_it_model;",
          "",
          "-- origin: ours, an unknown column",
          "-- expect: error",
          "SELECT * FROM iris.train TO TRAIN xgboost.gbtree",
          "  WITH objective = \"multi:softprob\", num_class = 3",
          "  COLUMN no_such_column LABEL class INTO corpus_it_other;",
          "",
          "-- origin: ours, no model name",
          "SELECT * FROM iris.train TO TRAIN WITH num_class = 3 LABEL class INTO m;");

  private SqlflowServer server;
  private Path dir;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("sqlflow-corpus-");
    String configured = System.getProperty("sqlflow.test.python", "python3");
    Path python =
        Files.isExecutable(Path.of(configured)) ? Path.of(configured) : Path.of("python3");
    server =
        SqlflowServer.start(
            ServerOptions.parse(
                Map.of(),
                List.of(
                    "--port",
                    "0",
                    "--data-dir",
                    dir.resolve("data").toString(),
                    "--python",
                    python.toString(),
                    "--sample-data",
                    "--allow-anonymous")));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void runsEachStatementAndCountsHowFarItGot() throws Exception {
    Path file = dir.resolve("three.sql");
    Files.writeString(file, STATEMENTS, StandardCharsets.UTF_8);
    CorpusOptions options =
        new CorpusOptions(
            file,
            "jdbc:sqlflow://localhost:" + server.port() + "/iris",
            "",
            "",
            Duration.ofSeconds(300),
            List.of(),
            Optional.empty());

    String report = CorpusMain.run(options);

    assertTrue(report.contains("| in the file | 3 |"), report);
    assertTrue(report.contains("| parsed | 2 |"), report);
    assertTrue(report.contains("| verified | 1 |"), report);
    assertTrue(report.contains("| ran to the end | 1 |"), report);
    assertTrue(report.contains("refused as expected | 1 of 1 |"), report);
    assertTrue(report.contains("| 1 | ours, runs | ran |"), report);
    assertTrue(
        report.contains("| 2 | ours, an unknown column | not verified (error expected) | 42S22 |"),
        report);
    assertTrue(
        report.contains("| 3 | ours, no model name | not parsed | 42000 | 100001 |"), report);
    assertEquals(1, report.split("\\| ran \\|", -1).length - 1, report);
  }
}
