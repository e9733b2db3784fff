package org.sqlflow.server.feed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.db.RowsFile;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.model.H2Source;

class FeedWriterTest {
  private H2Source db;

  @BeforeEach
  void createTable() throws Exception {
    db = new H2Source();
    db.execute(
        "CREATE TABLE t (id BIGINT, x DOUBLE, d DECIMAL(10, 3), flag BOOLEAN,"
            + " name VARCHAR(40))",
        "INSERT INTO t VALUES (1, 1.5, 2.125, TRUE, 'plain')",
        "INSERT INTO t VALUES (2, NULL, NULL, FALSE, 'two\nlines\\and\rcr')",
        "INSERT INTO t VALUES (9007199254740993, -0.25, -1.5, NULL, NULL)");
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void writesColumnsInSelectOrderAsTheContractSays(@TempDir Path dir) throws Exception {
    Feed feed;
    try (Connection connection = db.open()) {
      feed =
          new FeedWriter()
              .writeSelect(
                  connection, "SELECT * FROM t ORDER BY id", dir, null, CancellationCheck.NEVER);
    }
    assertEquals(3, feed.rows());
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
    assertEquals(3, meta.get("rows").asInt());
    assertEquals("id", meta.get("columns").get(0).get("name").asText());
    assertEquals("float64", meta.get("columns").get(0).get("type").asText());
    assertEquals("c0.bin", meta.get("columns").get(0).get("file").asText());
    assertEquals("float64", meta.get("columns").get(3).get("type").asText());
    assertEquals("string", meta.get("columns").get(4).get("type").asText());
    assertEquals("c4.txt", meta.get("columns").get(4).get("file").asText());

    assertArrayEquals(new double[] {1, 2, 9007199254740993.0}, doubles(dir.resolve("c0.bin")));
    double[] x = doubles(dir.resolve("c1.bin"));
    assertEquals(1.5, x[0]);
    assertTrue(Double.isNaN(x[1]));
    assertEquals(-0.25, x[2]);
    assertArrayEquals(new double[] {2.125, Double.NaN, -1.5}, doubles(dir.resolve("c2.bin")));
    double[] flags = doubles(dir.resolve("c3.bin"));
    assertEquals(1.0, flags[0]);
    assertEquals(0.0, flags[1]);
    assertTrue(Double.isNaN(flags[2]));
    assertEquals(
        "plain\ntwo\\nlines\\\\and\\rcr\n\\N\n",
        Files.readString(dir.resolve("c4.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void keepsTheRowsOwnValuesBesideTheFeed(@TempDir Path dir) throws Exception {
    Feed feed;
    try (Connection connection = db.open()) {
      feed =
          new FeedWriter()
              .writeSelect(
                  connection,
                  "SELECT * FROM t ORDER BY id",
                  dir.resolve("f"),
                  dir.resolve("rows"),
                  CancellationCheck.NEVER);
    }
    try (RowsFile.Reader rows = RowsFile.reader(dir.resolve("rows"), feed.columns())) {
      assertArrayEquals(new Object[] {1L, 1.5, "2.125", true, "plain"}, rows.next());
      assertArrayEquals(new Object[] {2L, null, null, false, "two\nlines\\and\rcr"}, rows.next());
      assertArrayEquals(new Object[] {9007199254740993L, -0.25, "-1.500", null, null}, rows.next());
      assertNull(rows.next());
    }
  }

  @Test
  void checksCancellationWhileStreaming(@TempDir Path dir) throws Exception {
    db.execute("CREATE TABLE big (n INT)", "INSERT INTO big SELECT * FROM SYSTEM_RANGE(1, 100)");
    AtomicInteger checks = new AtomicInteger();
    try (Connection connection = db.open()) {
      assertThrows(
          JobCancelledException.class,
          () ->
              new FeedWriter(10, 10)
                  .writeSelect(
                      connection,
                      "SELECT n FROM big",
                      dir,
                      null,
                      () -> {
                        if (checks.incrementAndGet() == 3) {
                          throw new JobCancelledException("cancelled");
                        }
                      }));
    }
    assertEquals(3, checks.get());
    assertFalse(Files.exists(dir.resolve("meta.json")), "an incomplete feed has no meta.json");
  }

  private static double[] doubles(Path file) throws Exception {
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[buffer.remaining() / 8];
    for (int i = 0; i < values.length; i++) {
      values[i] = buffer.getDouble();
    }
    return values;
  }

  @Test
  void feedTypesFollowJdbcTypes() {
    assertEquals(FeedType.FLOAT64, FeedType.forJdbcType(java.sql.Types.DECIMAL));
    assertEquals(FeedType.STRING, FeedType.forJdbcType(java.sql.Types.DATE));
    assertEquals(List.of(FeedType.FLOAT64, FeedType.STRING), List.of(FeedType.values()));
  }
}
