package org.sqlflow.server.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * Two threads on one connection, as a tool that browses the catalog while a query runs: the catalog
 * calls wait for the query's turn on the backing connection instead of meeting its result while it
 * streams.
 */
class SharedConnectionMariaDbIT {
  private static final int QUERIES = 3000;

  @Test
  void catalogCallsDuringQueriesOnTheSameConnectionAllSucceed() throws Exception {
    try (Backend backend = TestBackends.MARIADB.start()) {
      try (Connection c = backend.direct();
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS shared_points");
        s.execute("CREATE TABLE shared_points (id INT PRIMARY KEY, name VARCHAR(20))");
        s.execute("INSERT INTO shared_points SELECT seq, CONCAT('p', seq) FROM seq_1_to_100");
      }
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try (Connection shared = backend.sqlflow()) {
        assertEquals(2, columnsOf(shared.getMetaData(), shared.getCatalog()), "alone");
        Future<Integer> queries =
            threads.submit(
                () -> {
                  int read = 0;
                  try (PreparedStatement ps =
                      shared.prepareStatement("SELECT name FROM shared_points WHERE id = ?")) {
                    for (int i = 0; i < QUERIES; i++) {
                      ps.setInt(1, 1 + i % 100);
                      try (ResultSet rs = ps.executeQuery()) {
                        read += rs.next() ? 1 : 0;
                      }
                    }
                  } catch (SQLException | RuntimeException e) {
                    failures.add(e);
                  }
                  return read;
                });
        Future<Integer> catalog =
            threads.submit(
                () -> {
                  int calls = 0;
                  DatabaseMetaData metadata = shared.getMetaData();
                  String database = shared.getCatalog();
                  while (!queries.isDone()) {
                    try {
                      assertEquals(2, columnsOf(metadata, database));
                      // Keys come through the driver's own metadata statement.
                      try (ResultSet keys =
                          metadata.getPrimaryKeys(database, null, "shared_points")) {
                        assertTrue(keys.next());
                        assertEquals("id", keys.getString("COLUMN_NAME"));
                      }
                      calls++;
                    } catch (SQLException | RuntimeException e) {
                      failures.add(e);
                      return calls;
                    }
                  }
                  return calls;
                });
        int read = queries.get();
        int calls = catalog.get();
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(QUERIES, read);
        assertTrue(calls > 10, "catalog calls while the queries ran: " + calls);
      } finally {
        threads.shutdownNow();
      }
    }
  }

  private static int columnsOf(DatabaseMetaData metadata, String database) throws SQLException {
    int n = 0;
    try (ResultSet columns = metadata.getColumns(database, null, "shared_points", "%")) {
      while (columns.next()) {
        n++;
      }
    }
    return n;
  }
}
