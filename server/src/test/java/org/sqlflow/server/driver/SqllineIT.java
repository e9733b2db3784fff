package org.sqlflow.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * sqlline, a real JDBC client, loads the shaded driver jar with nothing else on its class path and
 * runs a script against MariaDB through SQLFlow; its output is the same as through Connector/J
 * directly.
 */
class SqllineIT {

  @Test
  void shadedJarAloneRunsAScriptLikeConnectorJ() throws Exception {
    Path jar = Path.of("..", "driver", "target", "sqlflow-jdbc.jar");
    assertTrue(Files.exists(jar), "package the driver first: " + jar.toAbsolutePath());
    try (Backend backend = TestBackends.MARIADB.start()) {
      Path script = Files.createTempFile("sqlline-", ".sql");
      Files.writeString(
          script,
          String.join(
              "\n",
              "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10), score DOUBLE);",
              "INSERT INTO t VALUES (1, 'one', 1.5), (2, 'two', NULL);",
              "SELECT * FROM t ORDER BY id;",
              "SHOW TABLES;",
              "USE " + backend.database() + ";",
              "SELECT COUNT(*) AS n FROM t;",
              "DROP TABLE t;",
              ""));
      List<String> ours = sqlline(List.of(jar), backend.url(), "", "", script);
      String direct = backend.directUrl();
      List<String> connectorJ =
          sqlline(
              List.of(classPathEntry("mysql-connector-j")),
              direct.substring(0, direct.indexOf('?')),
              "sqlflow",
              "sqlflow",
              script);
      assertTrue(ours.stream().anyMatch(l -> l.contains("'1','one','1.5'")), ours.toString());
      assertEquals(connectorJ, ours);
    }
  }

  @Test
  void theReadmesSqllineScriptTrainsAndPredicts() throws Exception {
    Path jar = Path.of("..", "driver", "target", "sqlflow-jdbc.jar");
    Path script = Path.of("..", "examples", "sql", "iris_dnn.sql");
    try (Backend backend = TestBackends.H2.start(List.of("--sample-data"))) {
      List<String> output =
          sqlline(
              List.of(jar), backend.url(), "", "", script, "--incremental=true", "--maxWidth=200");
      String all = String.join("\n", output);
      assertTrue(all.contains("| epoch 9, train_loss = "), all);
      assertTrue(all.contains("| Saving model into sqlflow_models.my_dnn"), all);
      assertTrue(all.contains("| Wrote 40 rows into iris.predict"), all);
      assertEquals(2, output.stream().filter(l -> l.startsWith("| Job finished.")).count(), all);
      assertTrue(output.stream().noneMatch(l -> l.startsWith("Error")), all);
    }
  }

  private static Path classPathEntry(String name) {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (Path.of(entry).getFileName().toString().startsWith(name)) {
        return Path.of(entry);
      }
    }
    throw new IllegalStateException(name + " is not on the test class path");
  }

  /** Runs sqlline on a script and returns its output rows (banners and timings dropped). */
  private static List<String> sqlline(
      List<Path> driverJars,
      String url,
      String user,
      String password,
      Path script,
      String... options)
      throws IOException, InterruptedException {
    StringBuilder classPath = new StringBuilder(classPathEntry("sqlline").toString());
    for (Path jar : driverJars) {
      classPath.append(java.io.File.pathSeparator).append(jar);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath.toString(),
                "sqlline.SqlLine",
                "-u",
                url,
                "-n",
                user,
                "-p",
                password));
    command.addAll(
        options.length > 0 ? List.of(options) : List.of("--outputformat=csv", "--silent=true"));
    command.addAll(List.of("-f", script.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "sqlline did not finish");
    List<String> rows = new ArrayList<>();
    for (String line : output.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()
          && !trimmed.startsWith("sqlline>")
          && !trimmed.contains("Closing:")
          && !trimmed.contains("org.jline")
          && !trimmed.contains("terminal")) {
        rows.add(trimmed);
      }
    }
    return rows;
  }
}
