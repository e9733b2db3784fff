package org.sqlflow.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;
import org.sqlflow.server.db.BackingDatabase;

/**
 * The two backing databases integration tests run against: a fresh embedded H2 and a fresh database
 * on the real MariaDB server that {@code .ci/run} starts.
 */
public enum TestBackends {
  H2,
  MARIADB;

  /** The MariaDB server URL (with the test account) from {@code -Dsqlflow.test.mysql.url}. */
  public static String mariaDbServerUrl() {
    return System.getProperty(
        "sqlflow.test.mysql.url", "jdbc:mysql://127.0.0.1:3306/?user=sqlflow&password=sqlflow");
  }

  public static Path python() {
    String configured = System.getProperty("sqlflow.test.python");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Path.of(configured);
    }
    return Path.of("python3");
  }

  /**
   * A backend with an empty database of its own, and a server in front of it on loopback, started
   * with the test defaults and then {@code extraArgs} (later options win): anonymous clients
   * allowed (the tests that check logins start without), no Python check at start.
   */
  public Backend start(List<String> extraArgs) throws Exception {
    return start(extraArgs, null);
  }

  /** As {@link #start(List)}, with another extended-statement handler. */
  public Backend start(List<String> extraArgs, SqlflowServer.HandlerFactory handlers)
      throws Exception {
    return start(true, extraArgs, handlers);
  }

  /** As {@link #start(List)}, but every client must log in. */
  public Backend startWithLogins(List<String> extraArgs) throws Exception {
    return start(false, extraArgs, null);
  }

  private Backend start(
      boolean anonymous, List<String> extraArgs, SqlflowServer.HandlerFactory handlers)
      throws Exception {
    Path dataDir = Files.createTempDirectory("sqlflow-it-");
    String database = "it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    String url;
    if (this == H2) {
      url = BackingDatabase.embeddedUrl(dataDir);
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + database);
      }
      url = url + ";SCHEMA=" + database;
    } else {
      String server = mariaDbServerUrl();
      try (Connection c = DriverManager.getConnection(server);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
      url = server.replace("3306/?", "3306/" + database + "?");
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--port",
                "0",
                "--db",
                url,
                "--db-user",
                this == H2 ? "sa" : "",
                "--data-dir",
                dataDir.toString(),
                "--python",
                python().toString(),
                "--python-check",
                "skip"));
    if (this == MARIADB) {
      // A job registry of the test's own: tests of retention and dead servers touch no other's.
      args.addAll(List.of("--job-registry", registryOf(database)));
    }
    if (anonymous) {
      args.add("--allow-anonymous");
    }
    args.addAll(extraArgs);
    ServerOptions options = ServerOptions.parse(Map.of(), args);
    SqlflowServer server =
        handlers == null ? SqlflowServer.start(options) : SqlflowServer.start(options, handlers);
    return new Backend(this, url, database, server, options, List.copyOf(args));
  }

  /** The job registry of a test database on MariaDB (on H2 it is a file in the data directory). */
  public static String registryOf(String database) {
    return database + "_jobs";
  }

  public Backend start() throws Exception {
    return start(List.of());
  }

  /** A running server and the database behind it. */
  public record Backend(
      TestBackends kind,
      String directUrl,
      String database,
      SqlflowServer server,
      ServerOptions options,
      List<String> args)
      implements AutoCloseable {

    /** Starts another server with the same options on {@code port}, once this one stopped. */
    public SqlflowServer startAgainOn(int port) throws Exception {
      List<String> again = new ArrayList<>(args);
      again.addAll(List.of("--port", Integer.toString(port)));
      return SqlflowServer.start(ServerOptions.parse(Map.of(), again));
    }

    /** A connection straight to the database, for comparing and for setting up data. */
    public Connection direct() throws SQLException {
      return kind == H2
          ? DriverManager.getConnection(directUrl, "sa", "")
          : DriverManager.getConnection(directUrl);
    }

    /** A connection through our driver and server over HTTP. */
    public Connection sqlflow() throws SQLException {
      return DriverManager.getConnection(url());
    }

    public String url() {
      return "jdbc:sqlflow://localhost:" + server.port();
    }

    @Override
    public void close() throws Exception {
      server.close();
      if (kind == MARIADB) {
        try (Connection c = DriverManager.getConnection(mariaDbServerUrl());
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + database);
          s.execute("DROP DATABASE IF EXISTS " + registryOf(database));
        }
      }
      deleteRecursively(options.dataDir());
    }

    private static void deleteRecursively(Path dir) throws IOException {
      if (!Files.exists(dir)) {
        return;
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        List<Path> deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        for (Path path : deepestFirst) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
