package org.sqlflow.server.facade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * Statements run through our driver as Connector/J runs them on the same MariaDB: failed batches,
 * fetch sizes, the database in the URL. Each test asks both drivers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementConformanceMariaDbIT {
  private Backend backend;

  @BeforeAll
  void startBackend() throws Exception {
    backend = TestBackends.MARIADB.start();
  }

  @AfterAll
  void stopBackend() throws Exception {
    backend.close();
  }

  /** A fresh table {@code name} with a primary key, through the database itself. */
  private void createKeyedTable(String name) throws SQLException {
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + name);
      s.execute("CREATE TABLE " + name + " (id INT PRIMARY KEY, v VARCHAR(5)) ENGINE=InnoDB");
    }
  }

  private BatchUpdateException statementBatch(Connection c, String table) throws SQLException {
    createKeyedTable(table);
    try (Statement s = c.createStatement()) {
      s.addBatch("INSERT INTO " + table + " VALUES (1, 'a')");
      s.addBatch("INSERT INTO " + table + " VALUES (1, 'dup')");
      s.addBatch("INSERT INTO " + table + " VALUES (2, 'b')");
      return assertThrows(BatchUpdateException.class, s::executeBatch);
    }
  }

  private BatchUpdateException preparedBatch(Connection c, String table) throws SQLException {
    createKeyedTable(table);
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
      for (int id : new int[] {1, 2, 2, 3}) {
        p.setInt(1, id);
        p.setString(2, "x");
        p.addBatch();
      }
      return assertThrows(BatchUpdateException.class, p::executeBatch);
    }
  }

  private static void assertSameFailure(
      BatchUpdateException expected, BatchUpdateException actual) {
    assertEquals(expected.getSQLState(), actual.getSQLState());
    assertEquals(expected.getErrorCode(), actual.getErrorCode());
    assertArrayEquals(expected.getUpdateCounts(), actual.getUpdateCounts());
    assertArrayEquals(expected.getLargeUpdateCounts(), actual.getLargeUpdateCounts());
    assertEquals(expected.getMessage(), actual.getMessage());
  }

  @Test
  void statementBatchWithADuplicateKeyFailsWithEachRowsCount() throws SQLException {
    BatchUpdateException expected;
    try (Connection c = backend.direct()) {
      expected = statementBatch(c, "batch_direct");
    }
    try (Connection c = backend.sqlflow()) {
      BatchUpdateException actual = statementBatch(c, "batch_ours");
      assertSameFailure(expected, actual);
      assertEquals("23000", actual.getSQLState());
    }
  }

  @Test
  void preparedBatchWithADuplicateKeyFailsWithEachRowsCount() throws SQLException {
    BatchUpdateException expected;
    try (Connection c = backend.direct()) {
      expected = preparedBatch(c, "pbatch_direct");
    }
    try (Connection c = backend.sqlflow()) {
      BatchUpdateException actual = preparedBatch(c, "pbatch_ours");
      assertSameFailure(expected, actual);
      assertEquals(4, actual.getUpdateCounts().length);
    }
  }

  @Test
  void fetchSizeZeroMeansTheDriversDefaultNotNoRows() throws SQLException {
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE many (id INT PRIMARY KEY)");
      s.execute("INSERT INTO many SELECT seq FROM seq_1_to_250");
    }
    for (Connection c : new Connection[] {backend.direct(), backend.sqlflow()}) {
      try (c;
          PreparedStatement p = c.prepareStatement("SELECT id FROM many WHERE id > ?")) {
        // What Spark's JDBC source does before every read.
        p.setFetchSize(0);
        p.setInt(1, 0);
        int rows = 0;
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            rows++;
          }
        }
        assertEquals(250, rows, c.getClass().getName());
      }
    }
  }

  @Test
  void theUrlsPathSelectsTheDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(backend.url() + "/information_schema");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
      assertTrue(rs.next());
      assertEquals("information_schema", rs.getString(1));
      assertEquals("information_schema", c.getCatalog());
    }
    SQLException expected =
        assertThrows(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                    TestBackends.mariaDbServerUrl().replace("3306/?", "3306/no_such_db_x?")));
    SQLException actual =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection(backend.url() + "/no_such_db_x"));
    assertEquals(expected.getSQLState(), actual.getSQLState());
    assertEquals(expected.getErrorCode(), actual.getErrorCode());
    assertNotNull(actual.getMessage());
    assertTrue(actual.getMessage().contains("no_such_db_x"), actual.getMessage());
  }

  /** Label of the keys' column, then each generated key. */
  private static java.util.List<String> keys(ResultSet rs) throws SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (rs) {
      out.add(rs.getMetaData().getColumnLabel(1));
      while (rs.next()) {
        out.add(Long.toString(rs.getLong(1)));
      }
    }
    return out;
  }

  private java.util.List<String> generatedKeys(Connection c, String table) throws SQLException {
    try (Connection setup = backend.direct();
        Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    try (Statement s = c.createStatement()) {
      assertEquals(
          2,
          s.executeUpdate(
              "INSERT INTO " + table + " (v) VALUES (1), (2)", Statement.RETURN_GENERATED_KEYS));
      out.addAll(keys(s.getGeneratedKeys()));
      s.execute("INSERT INTO " + table + " (v) VALUES (3)", Statement.RETURN_GENERATED_KEYS);
      out.addAll(keys(s.getGeneratedKeys()));
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO " + table + " (v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
      for (int v = 4; v <= 5; v++) {
        p.setInt(1, v);
        assertEquals(1, p.executeUpdate());
        out.addAll(keys(p.getGeneratedKeys()));
      }
    }
    return out;
  }

  @Test
  void generatedKeysAreTheDatabases() throws SQLException {
    java.util.List<String> expected;
    try (Connection c = backend.direct()) {
      expected = generatedKeys(c, "keys_direct");
    }
    try (Connection c = backend.sqlflow()) {
      java.util.List<String> actual = generatedKeys(c, "keys_ours");
      assertEquals(expected, actual);
      assertEquals("5", actual.get(actual.size() - 1));
    }
  }

  /** Each warning as {@code SQLSTATE/code/message}, or "none". */
  private static java.util.List<String> warnings(java.sql.SQLWarning chain) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (java.sql.SQLWarning w = chain; w != null; w = w.getNextWarning()) {
      out.add(w.getSQLState() + "/" + w.getErrorCode() + "/" + w.getMessage());
    }
    return out.isEmpty() ? java.util.List.of("none") : out;
  }

  private java.util.List<String> warningsOfStatements(Connection c, String table)
      throws SQLException {
    try (Connection setup = backend.direct();
        Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE " + table + " (v VARCHAR(3))");
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    try (Statement s = c.createStatement()) {
      s.execute("SET SESSION sql_mode = ''");
      out.addAll(warnings(s.getWarnings()));
      s.executeUpdate("INSERT INTO " + table + " VALUES ('abcdef'), ('ok'), ('ghijkl')");
      out.addAll(warnings(s.getWarnings()));
      // Asked twice: the same answer, and no second request needed.
      out.addAll(warnings(s.getWarnings()));
      s.clearWarnings();
      out.addAll(warnings(s.getWarnings()));
      // No warning in this sql_mode. (With ERROR_FOR_DIVISION_BY_ZERO the database warns, but
      // Connector/J with useCursorFetch, as the server's backing connection reads queries,
      // loses a query's warnings: the facade then has none either; see the README.)
      try (ResultSet rs = s.executeQuery("SELECT 1/0")) {
        assertTrue(rs.next());
        out.add(String.valueOf(rs.getObject(1)));
        out.addAll(warnings(rs.getWarnings()));
      }
      out.addAll(warnings(s.getWarnings()));
      s.executeQuery("SELECT 1").close();
      out.addAll(warnings(s.getWarnings()));
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
      out.addAll(warnings(p.getWarnings()));
      p.setString(1, "xyzw");
      p.executeUpdate();
      out.addAll(warnings(p.getWarnings()));
      p.setString(1, "x");
      p.executeUpdate();
      out.addAll(warnings(p.getWarnings()));
    }
    return out;
  }

  @Test
  void warningsAreTheDatabases() throws SQLException {
    java.util.List<String> expected;
    try (Connection c = backend.direct()) {
      expected = warningsOfStatements(c, "warn_direct");
    }
    try (Connection c = backend.sqlflow()) {
      java.util.List<String> actual = warningsOfStatements(c, "warn_ours");
      assertEquals(expected, actual);
      assertTrue(actual.stream().anyMatch(w -> w.contains("Data truncated")), actual.toString());
      assertEquals(
          5, actual.stream().filter(w -> w.contains("Data truncated")).count(), actual.toString());
    }
  }

  /** Every result of an execute, walked with getMoreResults: rows of each set, or counts. */
  private static java.util.List<String> allResults(Statement s, boolean first) throws SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    boolean isResultSet = first;
    for (int i = 0; i < 20; i++) {
      if (isResultSet) {
        StringBuilder rows = new StringBuilder("rows");
        try (ResultSet rs = s.getResultSet()) {
          rows.append(rs.getMetaData().getColumnLabel(1));
          while (rs.next()) {
            rows.append(' ').append(rs.getString(1));
          }
        }
        out.add(rows.toString());
      } else if (s.getUpdateCount() == -1) {
        out.add("end");
        return out;
      } else {
        out.add("count " + s.getUpdateCount());
      }
      isResultSet = s.getMoreResults();
    }
    throw new AssertionError("no end of results: " + out);
  }

  @Test
  void aCallReturningTwoResultSetsGivesBoth() throws SQLException {
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE two (id INT)");
      s.execute("INSERT INTO two VALUES (1), (2), (3)");
      s.execute(
          "CREATE PROCEDURE two_sets() BEGIN SELECT id FROM two ORDER BY id;"
              + " SELECT 'x' AS b UNION ALL SELECT 'y'; END");
    }
    java.util.List<String> expected;
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      expected = allResults(s, s.execute("CALL two_sets()"));
    }
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      // Twice: the second time the server expects a small result and reads it without a cursor.
      for (int run = 1; run <= 2; run++) {
        java.util.List<String> actual = allResults(s, s.execute("CALL two_sets()"));
        assertEquals(expected, actual, "run " + run);
        assertEquals("rowsid 1 2 3", actual.get(0));
        assertEquals("rowsb x y", actual.get(1));
      }
    }
  }

  @Test
  void severalStatementsInOneExecuteWithAllowMultiQueries() throws SQLException {
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE multi_direct (id INT)");
      s.execute("CREATE TABLE multi_ours (id INT)");
    }
    String script =
        "INSERT INTO %1$s VALUES (1), (2); SELECT id FROM %1$s ORDER BY id;"
            + " UPDATE %1$s SET id = id + 10; SELECT COUNT(*) AS n FROM %1$s";
    String database;
    try (Connection c = backend.direct()) {
      database = c.getCatalog();
    }
    java.util.List<String> expected;
    try (Connection c =
            DriverManager.getConnection(
                TestBackends.mariaDbServerUrl().replace("3306/?", "3306/" + database + "?")
                    + "&allowMultiQueries=true");
        Statement s = c.createStatement()) {
      expected = allResults(s, s.execute(String.format(script, "multi_direct")));
    }
    java.util.Properties options = new java.util.Properties();
    options.setProperty("allowMultiQueries", "true");
    try (Connection c = DriverManager.getConnection(backend.url(), options);
        Statement s = c.createStatement()) {
      java.util.List<String> actual = allResults(s, s.execute(String.format(script, "multi_ours")));
      assertEquals(expected, actual);
      assertEquals(java.util.List.of("count 2", "rowsid 1 2", "count 2", "rowsn 2", "end"), actual);
      // Twice more: the second time its first result was small, so it is read without a cursor.
      for (int run = 1; run <= 2; run++) {
        java.util.List<String> again = allResults(s, s.execute("SELECT 7 AS n; SELECT 8 AS m"));
        assertEquals(java.util.List.of("rowsn 7", "rowsm 8", "end"), again, "run " + run);
      }
    }
    // Without the option the database refuses the script, through both drivers alike.
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException refused =
          assertThrows(SQLException.class, () -> s.execute(String.format(script, "multi_ours")));
      assertEquals("42000", refused.getSQLState());
    }
  }
}
