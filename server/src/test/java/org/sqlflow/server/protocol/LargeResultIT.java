package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.ServerProcess;
import org.sqlflow.server.testing.TestBackends;

/**
 * A million-row SELECT streams frame by frame: the packaged server, held to a 256 MB heap, serves
 * all of it, through a database cursor and also when a statement whose last result was small (read
 * without a cursor) turns out to return all of it (spilled to disk).
 */
class LargeResultIT {
  private static final int ROWS = 1_000_000;

  @Test
  void millionRowSelectCompletesWithAQuarterGigabyteHeap() throws Exception {
    String database = "it_large_" + ProcessHandle.current().pid();
    String server = TestBackends.mariaDbServerUrl();
    try (Connection c = DriverManager.getConnection(server);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      s.execute("USE " + database);
      s.execute(
          "CREATE TABLE "
              + database
              + ".wide (id INT PRIMARY KEY, c1 DOUBLE, c2 DOUBLE,"
              + " c3 DOUBLE, c4 DOUBLE, c5 DOUBLE, c6 DOUBLE, c7 DOUBLE, c8 DOUBLE, c9 VARCHAR(32))");
      // MariaDB's sequence engine makes the rows without a round trip each.
      s.execute(
          "INSERT INTO "
              + database
              + ".wide SELECT seq, seq * 0.5, seq * 1.5, seq % 7,"
              + " seq % 11, seq / 3, seq * 2.0, seq - 1, seq + 1, CONCAT('row-', seq)"
              + " FROM seq_1_to_"
              + ROWS);
    }
    String url = server.replace("3306/?", "3306/" + database + "?");
    Path dataDir = Files.createTempDirectory("sqlflow-large-");
    try (ServerProcess process =
            ServerProcess.start(
                List.of("-Xmx256m"),
                List.of("--db", url, "--data-dir", dataDir.toString(), "--allow-anonymous"));
        Connection c = DriverManager.getConnection(process.url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM wide ORDER BY id")) {
      long rows = 0;
      long idSum = 0;
      while (rs.next()) {
        rows++;
        idSum += rs.getInt(1);
        if (rows == ROWS) {
          assertEquals("row-" + ROWS, rs.getString(10));
        }
      }
      assertEquals(ROWS, rows);
      assertEquals((long) ROWS * (ROWS + 1) / 2, idSum);
      assertTrue(process.isAlive(), "the server died");

      try (PreparedStatement ps =
          c.prepareStatement("SELECT * FROM wide WHERE id <= ? ORDER BY id")) {
        for (int limit : new int[] {10, ROWS}) {
          ps.setInt(1, limit);
          long read = 0;
          long sum = 0;
          String last = null;
          try (ResultSet all = ps.executeQuery()) {
            if (limit == ROWS) {
              assertEquals(1, spillFiles(dataDir), "the large result is spilled in the data dir");
            }
            while (all.next()) {
              read++;
              sum += all.getInt(1);
              last = all.getString(10);
            }
          }
          assertEquals(limit, read);
          assertEquals(0, spillFiles(dataDir), "a read result leaves no spill file");
          assertEquals((long) limit * (limit + 1) / 2, sum);
          assertEquals("row-" + limit, last);
        }
      }
      assertTrue(process.isAlive(), "the server died reading a result that turned out large");
    } finally {
      try (Connection c = DriverManager.getConnection(server);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE " + database);
      }
    }
  }

  private static long spillFiles(Path dataDir) throws IOException {
    try (Stream<Path> files = Files.list(dataDir.resolve("results"))) {
      return files.count();
    }
  }
}
