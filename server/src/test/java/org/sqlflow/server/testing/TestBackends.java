package org.sqlflow.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;
import org.sqlflow.server.db.BackingDatabase;

/**
 * The two backing databases integration tests run against: a fresh embedded H2 and a fresh
 * database on the real MariaDB server that {@code .ci/run} starts.
 */
public enum TestBackends {
  H2, MARIADB;

  /** The MariaDB server URL (with the test account) from {@code -Dsqlflow.test.mysql.url}. */
  public static String mariaDbServerUrl() {
    return System.getProperty("sqlflow.test.mysql.url",
        "jdbc:mysql://127.0.0.1:3306/?user=sqlflow&password=sqlflow");
  }

  public static Path python() {
    String configured = System.getProperty("sqlflow.test.python");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return Path.of(configured);
    }
    return Path.of("python3");
  }

  /** A backend with an empty database of its own, and a server in front of it. */
  public Backend start(ServerOptionsTweak tweak) throws Exception {
    return start(tweak, null);
  }

  /** As {@link #start(ServerOptionsTweak)}, with another extended-statement handler. */
  public Backend start(ServerOptionsTweak tweak, SqlflowServer.HandlerFactory handlers)
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
    ServerOptions options = tweak.apply(new ServerOptions(0, Optional.of(url),
        this == H2 ? "sa" : "", "", dataDir, python(), 2, Duration.ofSeconds(15),
        Duration.ofMinutes(30), false));
    SqlflowServer server = handlers == null
        ? SqlflowServer.start(options)
        : SqlflowServer.start(options, handlers);
    return new Backend(this, url, database, server, options);
  }

  public Backend start() throws Exception {
    return start(options -> options);
  }

  /** Changes the default test options, e.g. a short heartbeat. */
  @FunctionalInterface
  public interface ServerOptionsTweak {
    ServerOptions apply(ServerOptions defaults);
  }

  /** A running server and the database behind it. */
  public record Backend(TestBackends kind, String directUrl, String database,
      SqlflowServer server, ServerOptions options) implements AutoCloseable {

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
