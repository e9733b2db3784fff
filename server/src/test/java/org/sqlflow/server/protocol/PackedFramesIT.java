package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.ServerProcess;
import org.sqlflow.server.testing.TestBackends;

/**
 * Our driver reads pass-through results in packed frames, several to a result, with the next one
 * fetched while the application reads: every value of a mixed-type result arrives as Connector/J
 * reads it straight from MariaDB, packed or not, and a result closed with a fetch in flight takes
 * no rows from the statement's next result. Results the server expects to be small (a statement
 * whose last result was, a client's small row cap) are read without a database cursor; when one
 * turns out large, the rest is spilled and still arrives whole, in order, value for value.
 */
class PackedFramesIT {
  /** About 2.5 MB packed: several frames of the server's 512 KiB. */
  private static final int ROWS = 20_000;

  private static String database;
  private static String direct;
  private static ServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    database = "it_packed_" + ProcessHandle.current().pid();
    String mariaDb = TestBackends.mariaDbServerUrl();
    try (Connection c = DriverManager.getConnection(mariaDb);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      // The sequence engine's seq_1_to_N tables live in the current database.
      s.execute("USE " + database);
      s.execute(
          "CREATE TABLE "
              + database
              + ".mixed (id INT PRIMARY KEY, qty INT, big BIGINT, price DOUBLE,"
              + " ratio DOUBLE, name VARCHAR(32), day DATE, amount DECIMAL(10,2), bucket INT,"
              + " note VARCHAR(64))");
      // Negative and extreme numbers, NULLs in several columns, non-ASCII text, distant dates.
      s.execute(
          "INSERT INTO "
              + database
              + ".mixed SELECT seq, IF(seq % 17 = 0, NULL, seq % 1000 - 500),"
              + " IF(seq = 2, -9223372036854775808, seq * 1000000007 * IF(seq % 2 = 0, -1, 1)),"
              + " seq * 0.25 - 1000, IF(seq % 13 = 0, NULL, SQRT(seq)),"
              + " CONCAT(IF(seq % 3 = 0, 'Grüße-東京-', 'n-'), seq),"
              + " IF(seq % 11 = 0, NULL, DATE '0999-12-31' + INTERVAL (seq * 37 % 3000000) DAY),"
              + " (seq % 2000000) / 100 - 9999.99, IF(seq % 10 = 0, NULL, seq % 7),"
              + " IF(seq % 5 = 0, '', CONCAT(REPEAT('x', seq % 30), MD5(seq)))"
              // The sequence is unsigned; signed, so that the expressions may go below zero.
              + " FROM (SELECT CAST(seq AS SIGNED) AS seq FROM seq_1_to_"
              + ROWS
              + ") signed_seq");
    }
    direct = mariaDb.replace("3306/?", "3306/" + database + "?");
    server =
        ServerProcess.start(
            List.of("-Xmx256m"),
            List.of(
                "--db",
                direct,
                "--data-dir",
                Files.createTempDirectory("sqlflow-packed-").toString(),
                "--allow-anonymous"));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
    try (Connection c = DriverManager.getConnection(TestBackends.mariaDbServerUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
    }
  }

  @Test
  void everyValueOfAMultiFrameMixedResultArrivesAsConnectorJReadsIt() throws Exception {
    String sql = "SELECT * FROM mixed ORDER BY id";
    List<List<Object>> expected = read(DriverManager.getConnection(direct), sql, 1000);
    assertEquals(ROWS, expected.size());

    List<List<Object>> packed = read(DriverManager.getConnection(server.url()), sql, 100);
    List<List<Object>> unpacked =
        read(DriverManager.getConnection(server.url() + "?sqlflow_frames=avatica"), sql, 100);

    assertSameRows(expected, packed, "packed frames");
    assertSameRows(expected, unpacked, "Avatica's frames");
  }

  @Test
  void aResultClosedWithAFetchInFlightTakesNoRowsFromTheNext() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url());
        Statement s = c.createStatement()) {
      s.setFetchSize(100);
      for (int round = 0; round < 5; round++) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM mixed ORDER BY id")) {
          // The first frame is here; the second is being fetched.
          for (int i = 0; i < 10; i++) {
            assertTrue(rs.next());
          }
        }
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT id FROM mixed WHERE id <= 9000 ORDER BY id")) {
          while (rs.next()) {
            ids.add(rs.getInt(1));
          }
        }
        assertEquals(9000, ids.size(), "round " + round);
        for (int i = 0; i < ids.size(); i++) {
          assertEquals(i + 1, ids.get(i), "round " + round + ", row " + i);
        }
      }
    }
    assertTrue(server.isAlive());
  }

  @Test
  void anEmptyResultAndAOneRowResultArePacked() throws Exception {
    try (Connection c = DriverManager.getConnection(server.url());
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT * FROM mixed WHERE id < 0")) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery("SELECT id, name FROM mixed WHERE id = 3")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getInt(1));
        assertEquals("Grüße-東京-3", rs.getString(2));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void aPreparedPointQueryReadsAsConnectorJOnEveryExecution() throws Exception {
    String sql = "SELECT * FROM mixed WHERE id = ?";
    List<Integer> ids = new ArrayList<>();
    for (int id = 1; id <= ROWS; id += 97) {
      ids.add(id);
    }
    ids.add(-1); // no row
    List<List<List<Object>>> expected = readEach(DriverManager.getConnection(direct), sql, ids);

    for (String frames : List.of("", "?sqlflow_frames=avatica")) {
      List<List<List<Object>>> ours =
          readEach(DriverManager.getConnection(server.url() + frames), sql, ids);
      assertEquals(expected.size(), ours.size());
      for (int i = 0; i < ids.size(); i++) {
        assertSameRows(expected.get(i), ours.get(i), "id " + ids.get(i) + " " + frames);
      }
    }
  }

  @Test
  void aStatementWhoseResultsTurnLargeReadsEveryRowWithTheConnectionFreeMeanwhile()
      throws Exception {
    String sql = "SELECT * FROM mixed WHERE id <= ? ORDER BY id";
    // Small (streamed from then on), large (streamed, then spilled), small, large again.
    List<Integer> limits = List.of(3, ROWS, 2, ROWS - 1);
    List<List<List<Object>>> expected = readEach(DriverManager.getConnection(direct), sql, limits);

    for (String frames : List.of("", "?sqlflow_frames=avatica")) {
      try (Connection c = DriverManager.getConnection(server.url() + frames);
          PreparedStatement ps = c.prepareStatement(sql);
          PreparedStatement other = c.prepareStatement("SELECT name FROM mixed WHERE id = ?")) {
        for (int i = 0; i < limits.size(); i++) {
          ps.setInt(1, limits.get(i));
          List<List<Object>> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(row(rs));
              if (rows.size() % 5000 == 1) {
                // Another statement on the same connection while the large result is open.
                other.setInt(1, rows.size());
                try (ResultSet name = other.executeQuery()) {
                  assertTrue(name.next());
                  assertEquals(expected.get(i).get(rows.size() - 1).get(5), name.getString(1));
                }
              }
            }
          }
          assertSameRows(expected.get(i), rows, "limit " + limits.get(i) + " " + frames);
        }
      }
    }
    assertTrue(server.isAlive());
  }

  @Test
  void aSmallRowCapStreamsAndARowCapLargerThanAFrameStillReadsEveryRow() throws Exception {
    String sql = "SELECT * FROM mixed ORDER BY id";
    List<List<Object>> all = read(DriverManager.getConnection(direct), sql, 1000);

    for (int cap : List.of(1, 100, 101, CursorChoice.SMALL_MAX_ROWS)) {
      for (String frames : List.of("", "?sqlflow_frames=avatica")) {
        try (Connection c = DriverManager.getConnection(server.url() + frames);
            Statement s = c.createStatement()) {
          s.setMaxRows(cap);
          List<List<Object>> rows = new ArrayList<>();
          try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              rows.add(row(rs));
            }
          }
          assertSameRows(all.subList(0, cap), rows, "max rows " + cap + " " + frames);
        }
      }
    }
  }

  @Test
  void aPreparedStatementReadsTheNewColumnsOfATableChangedBetweenExecutions() throws Exception {
    try (Connection c = DriverManager.getConnection(direct);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE shape (id INT PRIMARY KEY, a VARCHAR(8))");
      s.execute("INSERT INTO shape VALUES (1, 'one'), (2, 'two')");
    }
    String sql = "SELECT * FROM shape WHERE id = ?";
    for (String frames : List.of("", "?sqlflow_frames=avatica")) {
      try (Connection cj = DriverManager.getConnection(direct);
          Connection ours = DriverManager.getConnection(server.url() + frames);
          PreparedStatement expected = cj.prepareStatement(sql);
          PreparedStatement actual = ours.prepareStatement(sql);
          Statement ddl = cj.createStatement()) {
        // The second execution's result has the columns the prepare announced.
        for (int id : List.of(1, 2)) {
          assertEquals(shapeOf(expected, id), shapeOf(actual, id), "id " + id + " " + frames);
        }
        // Same number of columns: Connector/J's server-side prepared statements (the server's,
        // for its cursor) fail on a result with more columns than at prepare time.
        ddl.execute("ALTER TABLE shape MODIFY id BIGINT, MODIFY a VARCHAR(20)");
        for (int id : List.of(1, 2)) {
          List<String> shape = shapeOf(actual, id);
          assertEquals(shapeOf(expected, id), shape, "after ALTER, id " + id + " " + frames);
          assertTrue(shape.get(0).startsWith("id BIGINT"), shape.toString());
        }
        ddl.execute("ALTER TABLE shape MODIFY id INT, MODIFY a VARCHAR(8)");
      }
    }
  }

  /** Each column's label, type and display size with its value, then the number of rows. */
  private static List<String> shapeOf(PreparedStatement ps, int id) throws SQLException {
    ps.setInt(1, id);
    List<String> shape = new ArrayList<>();
    int rows = 0;
    try (ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          shape.add(
              meta.getColumnLabel(i)
                  + " "
                  + meta.getColumnTypeName(i)
                  + "("
                  + meta.getColumnDisplaySize(i)
                  + ") = "
                  + rs.getString(i));
        }
      }
    }
    shape.add(rows + " rows");
    return shape;
  }

  /** {@code sql} with one parameter, executed once per value on one prepared statement. */
  private static List<List<List<Object>>> readEach(
      Connection connection, String sql, List<Integer> parameters) throws SQLException {
    List<List<List<Object>>> results = new ArrayList<>();
    try (connection;
        PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int parameter : parameters) {
        ps.setInt(1, parameter);
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(row(rs));
          }
        }
        results.add(rows);
      }
    }
    return results;
  }

  private static List<List<Object>> read(Connection connection, String sql, int fetchSize)
      throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (connection;
        Statement s = connection.createStatement()) {
      s.setFetchSize(fetchSize);
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rows.add(row(rs));
        }
      }
    }
    return rows;
  }

  /** Every value with the getter an application uses for its type, and whether it was NULL. */
  private static List<Object> row(ResultSet rs) throws SQLException {
    List<Object> row = new ArrayList<>();
    row.add(rs.getInt(1));
    row.add(nullable(rs.getInt(2), rs));
    row.add(rs.getLong(3));
    row.add(rs.getDouble(4));
    row.add(nullable(rs.getDouble(5), rs));
    row.add(rs.getString(6));
    row.add(Objects.toString(rs.getDate(7), null));
    row.add(rs.getBigDecimal(8));
    row.add(nullable(rs.getInt(9), rs));
    row.add(rs.getString(10));
    row.add(rs.getString(7));
    row.add(Objects.toString(rs.getObject(8), null));
    return row;
  }

  private static Object nullable(Object value, ResultSet rs) throws SQLException {
    return rs.wasNull() ? "NULL" : value;
  }

  private static void assertSameRows(
      List<List<Object>> expected, List<List<Object>> actual, String how) {
    assertEquals(expected.size(), actual.size(), how + ": rows");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), how + ": row " + (i + 1));
    }
  }
}
