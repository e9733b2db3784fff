package org.sqlflow.server.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.CancellationCheck;

class TableWriterTest {
  private H2Source db;
  private final SqlDialect dialect = SqlDialect.H2;

  @BeforeEach
  void open() throws Exception {
    db = new H2Source();
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private List<TableColumn> columns() {
    return List.of(
        TableColumn.copying(new SourceColumn("id", Types.BIGINT, "BIGINT", 19, 0), dialect),
        TableColumn.copying(new SourceColumn("price", Types.DECIMAL, "DECIMAL", 10, 2), dialect),
        TableColumn.copying(new SourceColumn("name", Types.VARCHAR, "VARCHAR", 20, 0), dialect),
        TableColumn.bigintColumn("class", dialect));
  }

  private static TableWriter.RowSource rows(int count, int failAt) {
    int[] next = {0};
    return () -> {
      if (next[0] == failAt) {
        throw new IOException("broken input");
      }
      if (next[0] == count) {
        return null;
      }
      int i = next[0]++;
      return new Object[] {
        9007199254740993L + i, "12.30", i % 2 == 0 ? "n" + i : null, (long) (i % 3)
      };
    };
  }

  @Test
  void writesRowsInBatchesWithTheSelectsOwnTypes() throws Exception {
    long written =
        new TableWriter(7)
            .write(db, "iris.predict", columns(), rows(25, -1), CancellationCheck.NEVER);
    assertEquals(25, written);
    List<String> got = new ArrayList<>();
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery("SELECT id, price, name, class FROM iris.predict ORDER BY id")) {
      assertEquals(Types.BIGINT, rs.getMetaData().getColumnType(1));
      assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(2));
      assertEquals(Types.BIGINT, rs.getMetaData().getColumnType(4));
      while (rs.next()) {
        got.add(
            rs.getLong(1)
                + ","
                + rs.getBigDecimal(2)
                + ","
                + rs.getString(3)
                + ","
                + rs.getLong(4));
      }
    }
    assertEquals(25, got.size());
    assertEquals("9007199254740993,12.30,n0,0", got.get(0));
    assertEquals("9007199254740994,12.30,null,1", got.get(1));
  }

  @Test
  void aFailedWriteKeepsTheOldTable() throws Exception {
    TableWriter writer = new TableWriter(5);
    writer.write(db, "iris.predict", columns(), rows(3, -1), CancellationCheck.NEVER);
    assertThrows(
        IOException.class,
        () -> writer.write(db, "iris.predict", columns(), rows(20, 12), CancellationCheck.NEVER));
    try (Connection connection = db.open();
        ResultSet rs =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM iris.predict")) {
      rs.next();
      assertEquals(3, rs.getInt(1));
    }
    try (Connection connection = db.open();
        ResultSet rs = connection.getMetaData().getTables(null, "iris", "%", null)) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
      assertEquals(List.of("predict"), names);
    }
  }
}
