package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;

/** MySQL-only SQL, that Calcite would reject, goes through untouched. */
class PassThroughMariaDbIT extends PassThroughContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.MARIADB;
  }

  @Test
  void mysqlOnlySyntaxPassesThrough() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kv (k INT PRIMARY KEY, v VARCHAR(20)) ENGINE=InnoDB");
      s.executeUpdate("INSERT INTO kv VALUES (1, \"double quoted\")");
      s.executeUpdate("INSERT INTO kv VALUES (1, 'x') ON DUPLICATE KEY UPDATE v = 'updated'");
    }
    List<String> rows = queryBoth("SELECT `k`, IFNULL(v, 'none') AS v FROM kv LIMIT 0, 10");
    assertEquals("1|updated|", rows.get(1));
  }

  @Test
  void useChangesTheDatabaseOfThatConnectionOnly() throws SQLException {
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + backend.database() + "_other");
      s.execute("CREATE TABLE " + backend.database() + "_other.elsewhere (id INT)");
    }
    try (Connection a = backend.sqlflow();
        Connection b = backend.sqlflow();
        Statement sa = a.createStatement();
        Statement sb = b.createStatement()) {
      sa.execute("USE " + backend.database() + "_other");
      try (ResultSet rs = sa.executeQuery("SELECT DATABASE()")) {
        rs.next();
        assertEquals(backend.database() + "_other", rs.getString(1));
      }
      try (ResultSet rs = sb.executeQuery("SELECT DATABASE()")) {
        rs.next();
        assertEquals(backend.database(), rs.getString(1));
      }
    } finally {
      try (Connection c = backend.direct();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE " + backend.database() + "_other");
      }
    }
  }

  @Test
  void queryTimeoutCancelsALongQueryInTheDatabaseAndTheStatementStaysUsable() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.execute("USE " + backend.database());
      // Several rounds: a killed cursor query used to leave a stale packet for the next one.
      for (int round = 0; round < 3; round++) {
        s.setQueryTimeout(1);
        long start = System.nanoTime();
        // Minutes of work for the database unless the timeout really stops it there.
        assertThrows(
            SQLException.class,
            () -> {
              try (ResultSet rs = s.executeQuery("SELECT BENCHMARK(20000000000, MD5('x'))")) {
                rs.next();
              }
            });
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 10_000, "took " + elapsedMs + " ms");
        assertEquals(0, runningBenchmarks(), "the query still runs in the database");
        s.setQueryTimeout(0);
        try (ResultSet rs = s.executeQuery("SELECT 40 + " + round + ", DATABASE()")) {
          assertTrue(rs.next());
          assertEquals(40 + round, rs.getInt(1));
          assertEquals(backend.database(), rs.getString(2));
        }
      }
    }
  }

  /** Queries of this test's database still running the benchmark, after a moment to stop. */
  private int runningBenchmarks() throws SQLException {
    int running = -1;
    for (int attempt = 0; attempt < 20 && running != 0; attempt++) {
      try (Connection direct = backend.direct();
          Statement d = direct.createStatement();
          ResultSet rs =
              d.executeQuery(
                  "SELECT COUNT(*) FROM information_schema.processlist"
                      + " WHERE db = '"
                      + backend.database()
                      + "'"
                      + " AND info LIKE 'SELECT BENCHMARK(20000000000%'")) {
        rs.next();
        running = rs.getInt(1);
      }
      if (running != 0) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return running;
  }

  @Test
  void clientAccountIsUsedInsteadOfTheServers() throws SQLException {
    String user = backend.database() + "_ro";
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE guarded (id INT)");
      s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'secret'");
      s.execute("GRANT SELECT ON " + backend.database() + ".* TO '" + user + "'@'%'");
    }
    try {
      try (Connection c = DriverManager.getConnection(backend.url(), user, "secret");
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
          rs.next();
          assertTrue(rs.getString(1).startsWith(user + "@"), rs.getString(1));
        }
        SQLException denied =
            assertThrows(
                SQLException.class, () -> s.executeUpdate("INSERT INTO guarded VALUES (1)"));
        assertEquals("42000", denied.getSQLState());
        assertEquals(1142, denied.getErrorCode());
      }
      SQLException wrong =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(backend.url(), user, "not-the-password").close());
      assertTrue(wrong.getMessage().contains("Access denied"), wrong.getMessage());
    } finally {
      try (Connection c = backend.direct();
          Statement s = c.createStatement()) {
        s.execute("DROP USER '" + user + "'@'%'");
      }
    }
  }

  /**
   * The server loads result tables with LOAD DATA LOCAL on its own connections; a client's SQL,
   * even one asking for the option in its URL, must never read the server host's files that way.
   */
  @Test
  void loadDataLocalFromAClientCannotReadTheServersFiles() throws Exception {
    java.nio.file.Path secret = java.nio.file.Files.createTempFile("server-secret", ".txt");
    try {
      java.nio.file.Files.writeString(secret, "s3cret\n");
      try (Connection c = backend.direct();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE stolen (line VARCHAR(100))");
      }
      String load = "LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE stolen";
      for (String url :
          List.of(
              backend.url(), backend.url() + "?allowLoadLocalInfile=true&allowMultiQueries=true")) {
        try (Connection c = DriverManager.getConnection(url);
            Statement s = c.createStatement()) {
          s.execute("USE " + backend.database());
          SQLException refused = assertThrows(SQLException.class, () -> s.execute(load));
          assertTrue(refused.getMessage().contains("local infile"), refused.getMessage());
        }
      }
      // Connector/J with its defaults refuses the same way.
      try (Connection c = backend.direct();
          Statement s = c.createStatement()) {
        assertThrows(SQLException.class, () -> s.execute(load));
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM stolen")) {
          rs.next();
          assertEquals(0, rs.getInt(1));
        }
      }
    } finally {
      java.nio.file.Files.deleteIfExists(secret);
    }
  }
}
