package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * Standard SQL through our driver and server gives what the database itself gives: the same
 * columns, types, values, update counts and errors. Run against each backend by a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PassThroughContract {
  protected Backend backend;

  protected abstract TestBackends kind();

  @BeforeAll
  void startBackend() throws Exception {
    backend = kind().start();
  }

  @AfterAll
  void stopBackend() throws Exception {
    backend.close();
  }

  /** A header of column labels and JDBC types, then every row's values. */
  protected static List<String> dump(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    ResultSetMetaData md = rs.getMetaData();
    StringBuilder header = new StringBuilder();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      header.append(md.getColumnLabel(i)).append(':').append(md.getColumnType(i)).append('|');
    }
    out.add(header.toString());
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        // getObject: Avatica renders a BIT or BOOLEAN's getString as true/false, where
        // Connector/J says 1/0 and H2 says TRUE/FALSE; the value itself must be the same.
        row.append(rs.getObject(i)).append('|');
      }
      out.add(row.toString());
    }
    return out;
  }

  protected List<String> queryBoth(String sql) throws SQLException {
    List<String> direct;
    try (Connection c = backend.direct();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      direct = dump(rs);
    }
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertEquals(direct, dump(rs), "result through SQLFlow differs for: " + sql);
    }
    return direct;
  }

  @Test
  void queryReturnsTheDatabasesColumnsTypesAndValues() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      assertEquals(
          0,
          s.executeUpdate(
              "CREATE TABLE typed (id INT PRIMARY KEY, name VARCHAR(20),"
                  + " price DECIMAL(10,2), ratio DOUBLE, born DATE, flag BOOLEAN)"));
      assertEquals(
          2,
          s.executeUpdate(
              "INSERT INTO typed VALUES"
                  + " (1, 'one', 1.50, 0.25, '2020-01-02', TRUE), (2, NULL, NULL, NULL, NULL, FALSE)"));
    }
    List<String> rows = queryBoth("SELECT * FROM typed ORDER BY id");
    assertEquals(3, rows.size());
    assertEquals("1|one|1.50|0.25|2020-01-02|true|", rows.get(1));
  }

  @Test
  void updatesReturnTheirCounts() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE counted (id INT)");
      assertEquals(3, s.executeUpdate("INSERT INTO counted VALUES (1), (2), (3)"));
      assertEquals(2, s.executeUpdate("UPDATE counted SET id = id + 10 WHERE id < 3"));
      assertFalse(s.execute("DELETE FROM counted WHERE id = 3"));
      assertEquals(1, s.getUpdateCount());
    }
  }

  @Test
  void syntaxErrorCarriesTheDatabasesStateCodeAndMessage() throws SQLException {
    SQLException direct;
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      direct = assertThrows(SQLException.class, () -> s.execute("SELEC 1"));
    }
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException ours = assertThrows(SQLException.class, () -> s.execute("SELEC 1"));
      assertEquals(direct.getSQLState(), ours.getSQLState());
      assertEquals(direct.getErrorCode(), ours.getErrorCode());
      assertTrue(ours.getMessage().contains(direct.getMessage()), ours.getMessage());
      // The connection and the statement stay usable.
      try (ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
    }
  }

  @Test
  void missingTableErrorIsTheDatabases() throws SQLException {
    SQLException direct;
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      direct = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
    }
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException ours =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM nowhere"));
      assertEquals(direct.getSQLState(), ours.getSQLState());
      assertEquals(direct.getErrorCode(), ours.getErrorCode());
    }
  }

  @Test
  void showTablesAnswersAsTheDatabaseDoes() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE shown (id INT)");
    }
    List<String> rows = queryBoth("SHOW TABLES");
    if (kind() == TestBackends.MARIADB) {
      assertTrue(rows.stream().anyMatch(r -> r.startsWith("shown|")), rows.toString());
    }
  }

  @Test
  void metadataListsTablesAndColumns() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE browsed (id INT, label VARCHAR(10))");
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      // MariaDB's catalogs are its databases: look in this test's own.
      String catalog = kind() == TestBackends.MARIADB ? backend.database() : null;
      try (ResultSet rs = md.getTables(catalog, null, "browsed", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertEquals(List.of("browsed"), tables);
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(catalog, null, "browsed", null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
        }
      }
      assertEquals(List.of("id:4", "label:12"), columns);
    }
  }

  @Test
  void everyRowArrivesWhateverTheFetchSize() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE counted_rows (id INT)");
      StringBuilder insert = new StringBuilder("INSERT INTO counted_rows VALUES (0)");
      for (int i = 1; i < 250; i++) {
        insert.append(", (").append(i).append(')');
      }
      assertEquals(250, s.executeUpdate(insert.toString()));
      for (int fetchSize : new int[] {0, 1, 7, 1000}) {
        s.setFetchSize(fetchSize);
        long sum = 0;
        int rows = 0;
        try (ResultSet rs = s.executeQuery("SELECT id FROM counted_rows ORDER BY id")) {
          while (rs.next()) {
            assertEquals(rows, rs.getInt(1));
            sum += rs.getInt(1);
            rows++;
          }
        }
        assertEquals(250, rows, "fetch size " + fetchSize);
        assertEquals(249 * 250 / 2, sum);
      }
    }
  }

  @Test
  void driverReportsSqlflowAndTheDatabasesQuote() throws SQLException {
    try (Connection c = backend.sqlflow();
        Connection direct = backend.direct()) {
      // Issue 10: the driver is SQLFlow's; the product is the database behind it, so that
      // tools pick its SQL dialect (this asserted "SQLFlow" as the product before).
      assertEquals("SQLFlow JDBC Driver", c.getMetaData().getDriverName());
      assertEquals(
          direct.getMetaData().getDatabaseProductName(), c.getMetaData().getDatabaseProductName());
      assertEquals(
          kind() == TestBackends.H2 ? "\"" : "`", c.getMetaData().getIdentifierQuoteString());
    }
  }
}
