package org.sqlflow.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.H2Source;

class SelectSamplerTest {
  private H2Source db;

  @BeforeEach
  void open() throws SQLException {
    db = new H2Source();
    db.execute("CREATE TABLE t (x INT)", "INSERT INTO t VALUES (1), (0)");
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void databaseErrorsKeepTheDatabasesStateAndCode() throws SQLException {
    String select = "SELECT 1 / x AS y FROM t";
    SQLException direct;
    // Division by zero: neither an unknown table nor an unknown column.
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      direct = assertThrows(SQLException.class, () -> drain(s, select));
    }
    SqlflowException ours =
        assertThrows(
            SqlflowException.class, () -> new SelectSampler(10).sample(db, select, "the SELECT"));
    assertEquals(ErrorCode.DATABASE_ERROR, ours.code());
    assertEquals(direct.getSQLState(), ours.databaseError().orElseThrow().getSQLState());
    assertEquals(direct.getErrorCode(), ours.databaseError().orElseThrow().getErrorCode());
    assertEquals("the SELECT failed: " + direct.getMessage(), ours.getMessage());
  }

  @Test
  void unknownTablesAreTheUsersToFix() {
    SqlflowException missing =
        assertThrows(
            SqlflowException.class,
            () -> new SelectSampler(10).sample(db, "SELECT * FROM nowhere", "the SELECT"));
    assertEquals(ErrorCode.UNKNOWN_TABLE, missing.code());
    assertEquals("42S02", missing.databaseError().orElseThrow().getSQLState());
  }

  private static void drain(Statement s, String select) throws SQLException {
    try (var rows = s.executeQuery(select)) {
      while (rows.next()) {
        rows.getInt(1);
      }
    }
  }
}
