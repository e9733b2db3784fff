package org.sqlflow.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;

/** The examples, run as a user runs them, against a server on the embedded database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesIT {
  private SqlflowServer server;
  private String url;

  @BeforeAll
  void start() throws Exception {
    Path dataDir = Files.createTempDirectory("sqlflow-examples-");
    String configured = System.getProperty("sqlflow.test.python", "python3");
    Path python =
        Files.isExecutable(Path.of(configured)) ? Path.of(configured) : Path.of("python3");
    // As bin/quickstart runs it: embedded H2 on loopback, anonymous clients, sample data.
    server =
        SqlflowServer.start(
            ServerOptions.parse(
                Map.of(),
                List.of(
                    "--port",
                    "0",
                    "--data-dir",
                    dataDir.toString(),
                    "--python",
                    python.toString(),
                    "--sample-data",
                    "--allow-anonymous")));
    url = "jdbc:sqlflow://localhost:" + server.port();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static String run(ThrowingMain main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);
    return output;
  }

  @FunctionalInterface
  private interface ThrowingMain {
    void run() throws Exception;
  }

  @Test
  void basicQueriesPrintsTheRowsItInserted() throws Exception {
    String output = run(() -> BasicQueries.main(new String[] {url}));
    assertTrue(output.contains("inserted 3 rows"), output);
    assertTrue(output.matches("(?s).*pear\\s+0\\.75\\s+fig\\s+1\\.25.*"), output);
  }

  @Test
  void trainAndPredictStreamsTheTrainingAndPredictsIris() throws Exception {
    String output = run(() -> TrainAndPredict.main(new String[] {url}));
    for (int epoch = 0; epoch < 10; epoch++) {
      assertTrue(output.contains("  epoch " + epoch + ", train_loss = "), output);
    }
    assertTrue(output.contains("  Wrote 40 rows into iris.predict"), output);
    assertEquals(2, output.split("Job finished\\.", -1).length - 1, output);
    Matcher accuracy = Pattern.compile("Accuracy on iris.test: (\\d\\.\\d+)").matcher(output);
    assertTrue(accuracy.find(), output);
    assertTrue(Double.parseDouble(accuracy.group(1)) >= 0.85, output);
  }
}
