package org.sqlflow.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.extended.SampleData;

/** Model store, table replacement and sample data on MySQL/MariaDB (sqlflow.test.mysql.url). */
class MysqlStoreIT {
  private static final String URL =
      System.getProperty(
          "sqlflow.test.mysql.url", "jdbc:mysql://127.0.0.1:3306/?user=sqlflow&password=sqlflow");

  private final ConnectionSource db =
      new ConnectionSource() {
        @Override
        public Connection open() throws SQLException {
          return DriverManager.getConnection(URL + "&useCursorFetch=true");
        }

        @Override
        public SqlDialect dialect() {
          return SqlDialect.MYSQL;
        }
      };

  private static boolean reachable() {
    try (Connection ignored = DriverManager.getConnection(URL)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  @Test
  void modelsAndResultTablesAreReplacedAtomically(@TempDir Path tmp) throws Exception {
    assumeTrue(reachable(), "no MySQL at " + URL);
    ModelStore store = new ModelStore(1000);
    String name = "sqlflow_models.it_" + Long.toHexString(System.nanoTime());
    store.save(
        db,
        name,
        ModelStoreTest.modelDir(tmp.resolve("a"), "old", 5000, 1),
        CancellationCheck.NEVER);
    Path replacement = ModelStoreTest.modelDir(tmp.resolve("b"), "new", 5000, 2);
    int[] calls = {0};
    assertThrows(
        JobCancelledException.class,
        () ->
            store.save(
                db,
                name,
                replacement,
                () -> {
                  if (++calls[0] == 3) {
                    throw new JobCancelledException("cancelled");
                  }
                }));
    assertEquals("old", store.describe(db, name).trainStatement());
    store.save(db, name, replacement, CancellationCheck.NEVER);
    assertEquals("new", store.describe(db, name).trainStatement());
    Path restored = tmp.resolve("restored");
    store.load(db, name, restored);
    assertArrayEquals(
        Files.readAllBytes(replacement.resolve("model.keras")),
        Files.readAllBytes(restored.resolve("model.keras")));

    String table = "sqlflow_models.out_" + Long.toHexString(System.nanoTime());
    TableWriter writer = new TableWriter(2);
    List<TableColumn> columns =
        List.of(
            TableColumn.bigintColumn("id", SqlDialect.MYSQL),
            TableColumn.doubleColumn("v", SqlDialect.MYSQL));
    int[] next = {0};
    writer.write(
        db,
        table,
        columns,
        () -> next[0] < 5 ? new Object[] {(long) next[0]++, 0.5} : null,
        CancellationCheck.NEVER);
    assertThrows(
        IOException.class,
        () ->
            writer.write(
                db,
                table,
                columns,
                () -> {
                  throw new IOException("broken");
                },
                CancellationCheck.NEVER));
    try (Connection connection = db.open();
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery("SELECT COUNT(*) FROM " + SqlDialect.MYSQL.quoteQualified(table))) {
      rs.next();
      assertEquals(5, rs.getInt(1));
      connection.createStatement().execute("DROP TABLE " + SqlDialect.MYSQL.quoteQualified(table));
      connection.createStatement().execute("DROP TABLE " + SqlDialect.MYSQL.quoteQualified(name));
      SampleData.load(connection, SqlDialect.MYSQL);
    }
    try (Connection connection = db.open();
        ResultSet rs =
            connection.createStatement().executeQuery("SELECT COUNT(*) FROM iris.train")) {
      rs.next();
      assertEquals(110, rs.getInt(1));
    }
  }
}
