package org.sqlflow.server.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.testing.TestBackends;

/**
 * The table writer on MariaDB, through the server's real connection source: rows go in with LOAD
 * DATA LOCAL from the server's own stream, arrive exactly as the batched inserts write them
 * (hostile text included), and a cancel, a broken source or a value the column refuses leaves the
 * previous table as it was and no temporary table behind.
 */
class TableWriterMariaDbIT {
  private static final String HOSTILE_DB_URL = "jdbc:mysql://127.0.0.1:3306/";
  private static final List<String> HOSTILE =
      List.of(
          "tab\there",
          "line\nbreak",
          "cr\rhere",
          "back\\slash",
          "\\N",
          "\\",
          "nul\0byte",
          "quote ' \" `",
          "'); DROP TABLE t; --",
          "unicode é 漢字 🙂",
          "",
          "ends with backslash\\");

  private String database;
  private ConnectionSource db;

  @BeforeEach
  void createDatabase() throws SQLException {
    assumeTrue(reachable(), "no MariaDB at " + TestBackends.mariaDbServerUrl());
    database = "it_tw_" + Long.toHexString(System.nanoTime());
    try (Connection c = DriverManager.getConnection(TestBackends.mariaDbServerUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    }
    BackingDatabase backing = new BackingDatabase(HOSTILE_DB_URL, "sqlflow", "sqlflow");
    db = backing.sourceFor(backing.serverCredentials(), database, null);
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    if (database != null) {
      try (Connection c = DriverManager.getConnection(TestBackends.mariaDbServerUrl());
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private static boolean reachable() {
    try (Connection ignored = DriverManager.getConnection(TestBackends.mariaDbServerUrl())) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private List<TableColumn> columns() {
    SqlDialect dialect = SqlDialect.MYSQL;
    return List.of(
        TableColumn.copying(new SourceColumn("id", Types.BIGINT, "BIGINT", 19, 0), dialect),
        TableColumn.copying(new SourceColumn("price", Types.DECIMAL, "DECIMAL", 10, 2), dialect),
        TableColumn.copying(new SourceColumn("day", Types.DATE, "DATE", 10, 0), dialect),
        TableColumn.copying(new SourceColumn("name", Types.VARCHAR, "VARCHAR", 64, 0), dialect),
        TableColumn.doubleColumn("score", dialect),
        TableColumn.bigintColumn("class", dialect),
        TableColumn.textColumn("label", dialect));
  }

  private static List<Object[]> hostileRows(int count) {
    List<Object[]> rows = new ArrayList<>();
    double[] doubles = {0.1, -2.5e-300, 1.7976931348623157e308, Double.MIN_VALUE, -0.0, 1e-5};
    for (int i = 0; i < count; i++) {
      String text = HOSTILE.get(i % HOSTILE.size());
      rows.add(
          new Object[] {
            i == 1 ? Long.MIN_VALUE : i == 2 ? Long.MAX_VALUE : (long) i,
            i % 7 == 3 ? null : (i % 1000) + ".25",
            i % 11 == 5 ? null : "2024-02-" + (10 + i % 19),
            i % 13 == 4 ? null : text,
            i % 17 == 6 ? null : doubles[i % doubles.length] * (i % 3 == 0 ? 1 : -1),
            i % 19 == 7 ? null : (long) (i % 3),
            i % 5 == 2 ? null : text + i
          });
    }
    return rows;
  }

  private static TableWriter.RowSource source(List<Object[]> rows) {
    var next = rows.iterator();
    return () -> next.hasNext() ? next.next() : null;
  }

  private List<String> read(String table) throws SQLException {
    List<String> got = new ArrayList<>();
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object value = rs.getObject(i);
          row.append(value == null ? "NULL" : value + ":" + value.getClass().getSimpleName())
              .append('|');
        }
        got.add(row.toString());
      }
    }
    return got;
  }

  private static long comLoad() throws SQLException {
    try (Connection c = DriverManager.getConnection(TestBackends.mariaDbServerUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_load'")) {
      rs.next();
      return rs.getLong(2);
    }
  }

  @Test
  void loadDataWritesExactlyWhatBatchedInsertsWrite() throws Exception {
    List<Object[]> rows = hostileRows(3000);
    long loadsBefore = comLoad();
    long loaded =
        new TableWriter(500, true, 32 << 10)
            .write(db, database + ".bulk", columns(), source(rows), CancellationCheck.NEVER);
    long loads = comLoad() - loadsBefore;
    assertEquals(3000, loaded);
    assertTrue(loads >= 3, "several LOAD DATA statements ran, saw " + loads);
    assertEquals(
        3000,
        new TableWriter(500, false)
            .write(db, database + ".batched", columns(), source(rows), CancellationCheck.NEVER));
    List<String> bulk = read(database + ".bulk");
    assertEquals(read(database + ".batched"), bulk);
    assertEquals(3000, bulk.size());
    // and the values themselves, not only agreement between the two paths:
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + database + ".bulk ORDER BY id")) {
      List<Object[]> sorted = new ArrayList<>(rows);
      sorted.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
      for (Object[] row : sorted) {
        assertTrue(rs.next());
        assertEquals(row[0], rs.getLong("id"));
        assertEquals(row[1] == null ? null : new BigDecimal((String) row[1]), rs.getBigDecimal(2));
        assertEquals(row[2], rs.getString("day"));
        assertEquals(row[3], rs.getString("name"));
        assertEquals(row[4], rs.getObject("score") == null ? null : rs.getDouble("score"));
        assertEquals(row[5], rs.getObject("class") == null ? null : rs.getLong("class"));
        assertEquals(row[6], rs.getString("label"));
      }
    }
  }

  private void writeOldTable(String table) throws Exception {
    new TableWriter(100)
        .write(db, table, columns(), source(hostileRows(10)), CancellationCheck.NEVER);
  }

  private void assertOldTableIntactAndNoTemporaryTables(String table) throws Exception {
    assertEquals(10, read(table).size());
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                    + database
                    + "' AND table_name LIKE 'sqlflow_%'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "temporary tables left behind");
    }
  }

  @Test
  void cancelMidLoadStopsAndLeavesThePreviousTable() throws Exception {
    String table = database + ".predicted";
    writeOldTable(table);
    int[] checks = {0};
    int[] pulled = {0};
    List<Object[]> rows = hostileRows(20000);
    var next = rows.iterator();
    assertThrows(
        JobCancelledException.class,
        () ->
            new TableWriter(500, true, 16 << 10)
                .write(
                    db,
                    table,
                    columns(),
                    () -> {
                      pulled[0]++;
                      return next.hasNext() ? next.next() : null;
                    },
                    () -> {
                      if (++checks[0] == 3) {
                        throw new JobCancelledException("cancelled");
                      }
                    }));
    assertTrue(pulled[0] < 20000, "stopped mid-load after " + pulled[0] + " rows");
    assertOldTableIntactAndNoTemporaryTables(table);
  }

  @Test
  void aValueTheColumnRefusesFailsTheLoadWithTheDatabasesMessage() throws Exception {
    String table = database + ".predicted";
    writeOldTable(table);
    List<Object[]> rows = hostileRows(100);
    rows.get(50)[3] = "x".repeat(65); // VARCHAR(64)
    SQLException refused =
        assertThrows(
            SQLException.class,
            () ->
                new TableWriter(500, true, 1 << 20)
                    .write(db, table, columns(), source(rows), CancellationCheck.NEVER));
    assertTrue(refused.getMessage().contains("name"), refused.getMessage());
    assertOldTableIntactAndNoTemporaryTables(table);
  }

  @Test
  void aBrokenRowSourceLeavesThePreviousTable() throws Exception {
    String table = database + ".predicted";
    writeOldTable(table);
    List<Object[]> rows = hostileRows(5000);
    var next = rows.iterator();
    int[] n = {0};
    assertThrows(
        IOException.class,
        () ->
            new TableWriter(500, true, 8 << 10)
                .write(
                    db,
                    table,
                    columns(),
                    () -> {
                      if (++n[0] == 4000) {
                        throw new IOException("the program's file ends early");
                      }
                      return next.hasNext() ? next.next() : null;
                    },
                    CancellationCheck.NEVER));
    assertOldTableIntactAndNoTemporaryTables(table);
  }
}
