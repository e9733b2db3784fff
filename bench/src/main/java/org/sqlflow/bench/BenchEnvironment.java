package org.sqlflow.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the benchmarks share in one run: the benchmark database with its tables, the Python
 * scripts, and the server processes, started on first use and stopped at the end.
 */
final class BenchEnvironment implements AutoCloseable {
  /** Both servers get the same heap, so that neither wins by having more room. */
  static final List<String> SERVER_JVM = List.of("-Xms64m", "-Xmx1g");

  private static final String BIG_COLUMNS =
      "id INT PRIMARY KEY, c1 DOUBLE, c2 DOUBLE, c3 DOUBLE, c4 DOUBLE, c5 DOUBLE,"
          + " c6 DOUBLE, c7 DOUBLE, c8 DOUBLE, c9 DOUBLE";

  /** The mixed table: the types a BI extract reads, with NULLs in one column. */
  private static final String MIXED_COLUMNS =
      "id INT PRIMARY KEY, qty INT NOT NULL, big BIGINT NOT NULL, price DOUBLE NOT NULL,"
          + " ratio DOUBLE NOT NULL, name VARCHAR(32) NOT NULL, day DATE NOT NULL,"
          + " amount DECIMAL(10,2) NOT NULL, bucket INT, note VARCHAR(64) NOT NULL";

  private static final String MIXED_ROWS =
      "SELECT seq, seq % 1000, seq * 1000003, seq * 0.25, SQRT(seq), CONCAT('name-', seq),"
          + " DATE '2000-01-01' + INTERVAL (seq % 9000) DAY, (seq % 1000000) / 100,"
          + " IF(seq % 10 = 0, NULL, seq % 7), CONCAT(REPEAT('n', seq % 20), MD5(seq))"
          + " FROM seq_1_to_";

  private final BenchOptions options;
  private final Path work;
  private final Path logs;
  private final List<JavaProcess> started = new ArrayList<>();
  private JavaProcess ours;
  private JavaProcess avatica;

  BenchEnvironment(BenchOptions options) throws IOException {
    this.options = requireNonNull(options, "options");
    this.work = Files.createTempDirectory("sqlflow-bench-");
    this.logs = options.root().resolve("bench/target/bench-logs");
    for (String script :
        List.of("stamps.py", "feed_read.py", "pymysql_read.py", "predict_write.py")) {
      try (InputStream in = BenchEnvironment.class.getResourceAsStream(script)) {
        Files.copy(
            requireNonNull(in, script), work.resolve(script), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  BenchOptions options() {
    return options;
  }

  Sizes sizes() {
    return options.sizes();
  }

  Path work() {
    return work;
  }

  Path script(String name) {
    return work.resolve(name);
  }

  /** The benchmark database's name ({@code --database}). */
  String database() {
    return options.database();
  }

  /** The benchmark database's Connector/J URL without credentials, as a server's --db. */
  String databaseUrl() {
    return "jdbc:mysql://" + options.mysqlHost() + ":" + options.mysqlPort() + "/" + database();
  }

  /** Connector/J straight to the benchmark database, with extra URL parameters. */
  String directUrl(String parameters) {
    return databaseUrl()
        + "?user="
        + options.mysqlUser()
        + "&password="
        + options.mysqlPassword()
        + (parameters.isEmpty() ? "" : "&" + parameters);
  }

  Connection direct() throws SQLException {
    return DriverManager.getConnection(directUrl(""));
  }

  /** Creates the database and fills {@code points} and {@code big} unless already right. */
  void prepareTables() throws SQLException {
    String server =
        "jdbc:mysql://"
            + options.mysqlHost()
            + ":"
            + options.mysqlPort()
            + "/?user="
            + options.mysqlUser()
            + "&password="
            + options.mysqlPassword();
    try (Connection c = DriverManager.getConnection(server);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + database());
    }
    try (Connection c = direct();
        Statement s = c.createStatement()) {
      fill(
          s,
          "points",
          "id INT PRIMARY KEY, name VARCHAR(32) NOT NULL, value DOUBLE NOT NULL",
          "SELECT seq, CONCAT('name-', seq), seq * 0.5 FROM seq_1_to_",
          sizes().pointRows());
      fill(
          s,
          "big",
          BIG_COLUMNS,
          "SELECT seq, seq * 0.1, seq % 97, seq / 7, seq * 1.5,"
              + " seq % 1000, SQRT(seq), seq * 2.5, seq % 13, LOG(seq) FROM seq_1_to_",
          sizes().bigRows());
      fill(s, "mixed", MIXED_COLUMNS, MIXED_ROWS, sizes().bigRows());
    }
  }

  private static void fill(Statement s, String table, String columns, String select, int rows)
      throws SQLException {
    s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
    try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      count.next();
      if (count.getLong(1) == rows) {
        return;
      }
    }
    long started = System.nanoTime();
    s.execute("TRUNCATE TABLE " + table);
    s.execute("INSERT INTO " + table + " " + select + rows);
    System.out.printf(
        "filled %s with %,d rows in %.1f s%n", table, rows, (System.nanoTime() - started) / 1e9);
  }

  /** The embedded H2 database file holding the same {@code big} table, filled when missing. */
  String h2Url() throws SQLException {
    String url = "jdbc:h2:file:" + work.resolve("h2").resolve("bench") + ";MODE=MySQL";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS big (" + BIG_COLUMNS + ")");
      try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM big")) {
        count.next();
        if (count.getLong(1) != sizes().bigRows()) {
          s.execute("TRUNCATE TABLE big");
          s.execute(
              "INSERT INTO big SELECT X, X * 0.1, MOD(X, 97), X / 7.0, X * 1.5,"
                  + " MOD(X, 1000), SQRT(X), X * 2.5, MOD(X, 13), LN(X) FROM SYSTEM_RANGE(1, "
                  + sizes().bigRows()
                  + ")");
        }
      }
    }
    return url;
  }

  /** Our server (with the stamps handler) in front of the benchmark database. */
  JavaProcess ourServer() throws IOException {
    if (ours == null) {
      ours =
          startOurServer(
              "sqlflow-server",
              List.of("--stamps", script("stamps.py").toString()),
              databaseUrl(),
              options.mysqlUser(),
              options.mysqlPassword());
    }
    return ours;
  }

  String ourUrl() throws IOException {
    return "jdbc:sqlflow://127.0.0.1:" + ourServer().port();
  }

  /** Another instance of our server; the caller closes it. */
  JavaProcess startOurServer(
      String name, List<String> mode, String dbUrl, String user, String password, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(mode);
    args.addAll(
        List.of(
            "--port",
            "{port}",
            "--db",
            dbUrl,
            "--db-user",
            user,
            "--db-password",
            password,
            "--data-dir",
            work.resolve(name).toString(),
            "--python",
            options.python().toString(),
            // Loopback only; the benchmark's clients connect without a login, many at once.
            "--allow-anonymous",
            "--max-connections",
            "1000",
            "--max-connections-per-login",
            "1000"));
    args.addAll(List.of(extra));
    return track(
        JavaProcess.start(
            name,
            SERVER_JVM,
            System.getProperty("java.class.path"),
            BenchServer.class.getName(),
            args,
            logs));
  }

  /** Avatica's stock standalone server (protobuf) in front of the same database. */
  JavaProcess avaticaServer() throws IOException {
    if (avatica == null) {
      Path peers = options.root().resolve("bench/target/peers");
      Path server = peers.resolve("avatica-standalone-server.jar");
      if (!Files.exists(server)) {
        throw new IOException("missing " + server + ": build the bench module first");
      }
      String classpath =
          server + java.io.File.pathSeparator + peers.resolve("mysql-connector-j.jar");
      avatica =
          track(
              JavaProcess.start(
                  "avatica-standalone",
                  SERVER_JVM,
                  classpath,
                  "org.apache.calcite.avatica.standalone.StandaloneServer",
                  List.of(
                      "--port",
                      "{port}",
                      "--serialization",
                      "PROTOBUF",
                      "--url",
                      avaticaBackingUrl()),
                  logs));
    }
    return avatica;
  }

  /**
   * Connector/J's defaults, plus the one option without which stock Avatica cannot prepare a
   * statement with parameters (it asks for parameter metadata, which client-side prepared
   * statements lack).
   */
  String avaticaBackingUrl() {
    return directUrl("generateSimpleParameterMetadata=true");
  }

  String avaticaUrl() throws IOException {
    return "jdbc:avatica:remote:url=http://127.0.0.1:"
        + avaticaServer().port()
        + ";serialization=protobuf";
  }

  private JavaProcess track(JavaProcess process) {
    started.add(process);
    return process;
  }

  @Override
  public void close() {
    for (JavaProcess process : started) {
      process.close();
    }
  }
}
