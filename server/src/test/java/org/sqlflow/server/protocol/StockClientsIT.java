package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.testing.FakeTrainingHandler;
import org.sqlflow.server.testing.TestBackends;

/**
 * phoenixdb and calcite-avatica-go, run as their users run them (clients/python, clients/go),
 * against the real server in front of MariaDB: every column type reads as Connector/J reads it (to
 * the millisecond, the precision of Avatica's time representations), {@code ?} parameters bind, and
 * a TO TRAIN's whole log arrives through the ordinary cursor, across a silence longer than the
 * heartbeat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockClientsIT {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);
  private static final Path CLIENTS = Path.of("..", "clients").toAbsolutePath().normalize();
  private static final DateTimeFormatter MILLIS_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final DateTimeFormatter MILLIS_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  /**
   * calcite-avatica-go turns milliseconds and days into a Go time through nanoseconds in an int64,
   * which only reach the years 1678 to 2262: its dates outside those come out wrong whatever the
   * server sends.
   */
  private static final Set<String> GO_ALLOWED = Set.of("1\tdt", "2\tdt", "1\tdtm", "2\tdtm");

  private TestBackends.Backend backend;
  private Path goProgram;

  @BeforeAll
  void start() throws Exception {
    backend =
        TestBackends.MARIADB.start(
            List.of("--max-jobs", "4", "--heartbeat-seconds", Long.toString(HEARTBEAT.toSeconds())),
            (options, database, dataDir) -> new FakeTrainingHandler(options.python()));
    TypeConformance.createDirectly(
        backend, TypeConformanceMariaDbIT.TABLE, TypeConformanceMariaDbIT.ROWS);
    goProgram = Path.of("target", "avatica-check").toAbsolutePath();
    run(
        CLIENTS.resolve("go"),
        List.of(go(), "build", "-buildvcs=false", "-o", goProgram.toString(), "."));
  }

  /** The go command: on the PATH, or where Go's own archive installs it. */
  private static String go() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "go"))) {
        return Path.of(dir, "go").toString();
      }
    }
    return "/usr/local/go/bin/go";
  }

  @AfterAll
  void stop() throws Exception {
    backend.close();
  }

  /** Where the clients connect: the one place to add credentials when the server needs them. */
  private String clientUrl() {
    return "http://localhost:" + backend.server().port() + "/";
  }

  private List<String> python(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                TestBackends.python().toString(),
                CLIENTS.resolve("python").resolve("avatica_check.py").toString(),
                clientUrl()));
    command.addAll(List.of(args));
    return run(CLIENTS, command);
  }

  /** phoenixdb against a server that requires logins: HTTP BASIC, checked by the database. */
  @Test
  void phoenixdbLogsInWithHttpBasicAndAWrongPasswordIsRefused() throws Exception {
    try (TestBackends.Backend secured = TestBackends.MARIADB.startWithLogins(List.of())) {
      List<String> command =
          List.of(
              TestBackends.python().toString(),
              CLIENTS.resolve("python").resolve("avatica_check.py").toString(),
              "http://localhost:" + secured.server().port() + "/",
              "query",
              "SELECT CURRENT_USER()");
      ClientRun login =
          run(CLIENTS, command, Map.of("SQLFLOW_USER", "sqlflow", "SQLFLOW_PASSWORD", "sqlflow"));
      assertEquals(0, login.exit(), login.output());
      assertTrue(login.output().contains("sqlflow@"), login.output());
      ClientRun wrong =
          run(CLIENTS, command, Map.of("SQLFLOW_USER", "sqlflow", "SQLFLOW_PASSWORD", "nope"));
      assertTrue(wrong.exit() != 0 && wrong.output().contains("28000"), wrong.output());
      ClientRun anonymous = run(CLIENTS, command, Map.of());
      assertTrue(anonymous.exit() != 0 && anonymous.output().contains("28000"), anonymous.output());
    }
  }

  /** The Go client against a server that requires logins: HTTP BASIC in its DSN. */
  @Test
  void goLogsInWithHttpBasicAndAWrongPasswordIsRefused() throws Exception {
    try (TestBackends.Backend secured = TestBackends.MARIADB.startWithLogins(List.of())) {
      String base = "http://localhost:" + secured.server().port() + "/";
      String basic = base + "?authentication=BASIC&avaticaUser=sqlflow&avaticaPassword=";
      ClientRun login = goRun(basic + "sqlflow");
      assertEquals(0, login.exit(), login.output());
      assertTrue(login.output().contains("sqlflow@"), login.output());
      ClientRun wrong = goRun(basic + "nope");
      assertTrue(wrong.exit() != 0 && wrong.output().contains("Access denied"), wrong.output());
      ClientRun anonymous = goRun(base);
      assertTrue(
          anonymous.exit() != 0 && anonymous.output().contains("does not allow anonymous"),
          anonymous.output());
    }
  }

  private ClientRun goRun(String dsn) throws Exception {
    return run(
        CLIENTS, List.of(goProgram.toString(), dsn, "query", "SELECT CURRENT_USER()"), Map.of());
  }

  private List<String> go(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(goProgram.toString(), clientUrl()));
    command.addAll(List.of(args));
    return run(CLIENTS, command);
  }

  @Test
  void phoenixdbReadsEveryType() throws Exception {
    assertReadsAsTheDatabase(python("query", everyType()), Set.of());
  }

  @Test
  void goClientReadsEveryType() throws Exception {
    assertReadsAsTheDatabase(go("query", everyType()), GO_ALLOWED);
  }

  @Test
  void phoenixdbBindsParameters() throws Exception {
    assertEquals(
        List.of("1\t? + 1\t42.0", "1\t?\ttext", "1\tCAST(? AS DATE)\t2024-01-02"),
        python("params"));
  }

  @Test
  void goClientBindsParameters() throws Exception {
    assertEquals(List.of("1\t?\t41", "1\t?\ttext", "1\t?\t2.5"), go("params"));
  }

  @Test
  void phoenixdbReadsAWholeTrainingLogAcrossASilence() throws Exception {
    assertWholeLog(python("log", training()));
  }

  @Test
  void goClientReadsAWholeTrainingLogAcrossASilence() throws Exception {
    assertWholeLog(go("log", training()));
  }

  private static String everyType() {
    return "SELECT * FROM every_type ORDER BY id";
  }

  /** Three epochs, with three seconds of silence (three heartbeats) after the first. */
  private static String training() {
    return "SELECT 1 TO TRAIN Fake WITH fake.args = \"--epochs 3 --hang 3\" INTO m";
  }

  private void assertWholeLog(List<String> lines) throws SQLException {
    List<String> expected = new ArrayList<>();
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(training())) {
      int row = 0;
      while (rs.next()) {
        expected.add(++row + "\tlog\t" + rs.getString(1));
      }
    }
    assertTrue(
        expected.stream().anyMatch(line -> line.endsWith("epoch 2, train_loss = 0.3333")),
        "the training did not run: " + expected);
    assertTrue(expected.get(expected.size() - 1).contains("Job finished"), expected.toString());
    assertEquals(withoutPids(expected), withoutPids(lines));
  }

  private static List<String> withoutPids(List<String> lines) {
    return lines.stream()
        .map(
            line ->
                line.replaceAll("\tpid \\d+$", "\tpid N")
                    .replaceAll("Time elapsed [0-9.]+ s", "Time elapsed N s"))
        .toList();
  }

  /** Each value a client printed against what Connector/J reads, by the column's class. */
  private void assertReadsAsTheDatabase(List<String> lines, Set<String> allowed)
      throws SQLException {
    Map<String, Expected> expected = expectedValues();
    List<String> differences = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String line : lines) {
      String[] parts = line.split("\t", 3);
      seen.put(parts[0] + "\t" + parts[1], parts.length > 2 ? parts[2] : "");
    }
    for (Map.Entry<String, Expected> entry : expected.entrySet()) {
      String key = entry.getKey();
      String got = seen.get(key);
      if (!allowed.contains(key) && (got == null || !entry.getValue().matches(got))) {
        differences.add(
            key.replace('\t', '.') + ": client " + got + ", database's " + entry.getValue().text());
      }
    }
    assertEquals(expected.size(), seen.size(), "values read: " + seen.keySet());
    assertEquals(List.of(), differences, String.join("\n", differences));
  }

  /** A value as the database's driver reads it, and how a client's text of it compares. */
  private record Expected(String text, String className) {
    boolean matches(String client) {
      if (text.equals("NULL") || client.equals("NULL")) {
        return text.equals(client);
      }
      switch (className) {
        case "java.lang.Float":
          return Float.parseFloat(text) == Float.parseFloat(client);
        case "java.lang.Double":
          return Double.parseDouble(text) == Double.parseDouble(client);
        case "java.math.BigDecimal":
          return new BigDecimal(text).compareTo(new BigDecimal(client)) == 0;
        default:
          return text.equals(client);
      }
    }
  }

  private Map<String, Expected> expectedValues() throws SQLException {
    Map<String, Expected> values = new LinkedHashMap<>();
    try (Connection c = backend.direct();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(everyType())) {
      ResultSetMetaData metaData = rs.getMetaData();
      int row = 0;
      while (rs.next()) {
        row++;
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
          values.put(
              row + "\t" + metaData.getColumnLabel(i),
              new Expected(text(rs, i), metaData.getColumnClassName(i)));
        }
      }
    }
    return values;
  }

  private static String text(ResultSet rs, int i) throws SQLException {
    Object value = rs.getObject(i);
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] bytes) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof java.sql.Time) {
      return rs.getObject(i, LocalTime.class).format(MILLIS_TIME);
    }
    if (value instanceof java.sql.Timestamp || value instanceof LocalDateTime) {
      return rs.getObject(i, LocalDateTime.class).format(MILLIS_TIMESTAMP);
    }
    return value.toString();
  }

  /** Runs a client to its end and returns its output lines; fails on a non-zero exit. */
  private static List<String> run(Path directory, List<String> command)
      throws IOException, InterruptedException {
    ClientRun run = run(directory, command, Map.of());
    assertEquals(0, run.exit(), command + " said:\n" + run.output());
    return run.lines();
  }

  /** How a client program ended. */
  private record ClientRun(int exit, List<String> lines) {
    String output() {
      return String.join("\n", lines);
    }
  }

  private static ClientRun run(Path directory, List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("client-", ".out");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("still running after 5 minutes: " + command);
      }
      return new ClientRun(process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
