package org.sqlflow.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.RowsFile;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.extended.PredictionRows;
import org.sqlflow.server.extended.ResultStream;
import org.sqlflow.server.feed.Feed;
import org.sqlflow.server.feed.FeedWriter;
import org.sqlflow.server.model.TableColumn;
import org.sqlflow.server.model.TableWriter;

/**
 * Rows per second of PREDICT's result write: the program writing its predictions, then the server
 * loading the SELECT's rows beside them into the INTO table, the old way and the new way.
 */
final class PredictWriteBenchmark implements Benchmark {
  static final String TABLE = "predict_source";
  private static final String COLUMNS =
      "id INT PRIMARY KEY, a INT, b BIGINT, x DOUBLE, y DOUBLE, name VARCHAR(32), day DATE,"
          + " price DECIMAL(10,2), bucket INT, note VARCHAR(64)";
  private static final String[] COUNTERS = {
    "Com_load", "Com_insert", "Com_stmt_execute", "Innodb_rows_inserted", "Innodb_data_written"
  };

  @Override
  public String name() {
    return "predictwrite";
  }

  @Override
  public String title() {
    return "7. PREDICT result writes";
  }

  @Override
  public String method() {
    return "The write half of `SELECT * FROM "
        + TABLE
        + " WHERE id <= n TO PREDICT t.class USING m` on a mixed table ("
        + COLUMNS
        + "; the note holds a tab). As a PREDICT job runs it: the server feeds the SELECT (with the"
        + " rows file that keeps each row's own values), the program writes one int64 class id per"
        + " row (`predict_write.py`: the runtime's writer, timed without reading the feed), then"
        + " the server writes the 10 SELECT columns plus the prediction into a fresh temporary"
        + " table and swaps it in. Old: the program writes one float64 per row"
        + " (`predictions.bin`), the server inserts in JDBC batches of 1,000 rows (Connector/J"
        + " with the server's cursor fetch, so server-side prepared statements). New: the program"
        + " writes the result-table stream (docs/ml-contract.md section 5), the server reads it"
        + " row by row and loads with `LOAD DATA LOCAL` from its own rendered stream, 4 MiB per"
        + " statement. rows/s = rows / (program write + server load). MariaDB counters are"
        + " global deltas over the server load (other clients of the database would add to"
        + " them).";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    int largest = env.sizes().bigRows();
    List<Integer> sizes = largest >= 1_000_000 ? List.of(200_000, largest) : List.of(largest);
    prepare(env, largest);
    BenchOptions o = env.options();
    BackingDatabase backing =
        new BackingDatabase(
            "jdbc:mysql://" + o.mysqlHost() + ":" + o.mysqlPort() + "/",
            o.mysqlUser(),
            o.mysqlPassword());
    ConnectionSource db = backing.sourceFor(backing.serverCredentials(), env.database(), null);
    Map<String, String> pythonPath =
        Map.of("PYTHONPATH", o.root().resolve("src/python").toString());
    Table.Builder table =
        Table.builder(
            "mixed 10-column rows + 1 prediction column, into MariaDB",
            "rows",
            "path",
            "feed s",
            "program write s",
            "server load s",
            "rows/s",
            "vs old",
            "statements",
            "InnoDB MiB written");
    List<TargetCheck> targets = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int rows : sizes) {
      Path dir = env.work().resolve("predict-" + rows);
      Path rowsFile = env.work().resolve("predict-" + rows + ".rows");
      long started = System.nanoTime();
      Feed feed;
      try (Connection c =
          DriverManager.getConnection(env.directUrl("useCursorFetch=true&defaultFetchSize=1000"))) {
        feed =
            new FeedWriter()
                .writeSelect(
                    c,
                    "SELECT * FROM " + TABLE + " WHERE id <= " + rows,
                    dir,
                    rowsFile,
                    CancellationCheck.NEVER);
      }
      double feedSeconds = (System.nanoTime() - started) / 1e9;
      List<TableColumn> columns = new ArrayList<>();
      feed.columns().forEach(c -> columns.add(TableColumn.copying(c, SqlDialect.MYSQL)));
      columns.add(TableColumn.bigintColumn("class", SqlDialect.MYSQL));
      List<Integer> kept = IntStream.range(0, feed.columns().size()).boxed().toList();

      Path bin = env.work().resolve("predictions.bin");
      PythonScript.Timing oldWrite =
          PythonScript.run(
              o.python(),
              env.script("predict_write.py"),
              pythonPath,
              dir.toString(),
              bin.toString(),
              "bin");
      Map<String, Long> before = counters(env);
      started = System.nanoTime();
      long oldRows;
      try (RowsFile.Reader values = RowsFile.reader(rowsFile, feed.columns());
          DataInputStream predictions =
              new DataInputStream(new BufferedInputStream(Files.newInputStream(bin), 1 << 16))) {
        oldRows =
            new TableWriter(1000, false)
                .write(
                    db,
                    "predicted_old",
                    columns,
                    () -> oldRow(values.next(), predictions),
                    CancellationCheck.NEVER);
      }
      double oldLoad = (System.nanoTime() - started) / 1e9;
      Map<String, Long> oldCounters = delta(before, counters(env));

      Path result = env.work().resolve("predictions.result");
      PythonScript.Timing newWrite =
          PythonScript.run(
              o.python(),
              env.script("predict_write.py"),
              pythonPath,
              dir.toString(),
              result.toString(),
              "result");
      before = counters(env);
      started = System.nanoTime();
      long newRows;
      try (RowsFile.Reader values = RowsFile.reader(rowsFile, feed.columns());
          ResultStream predictions = ResultStream.open(result)) {
        newRows =
            new TableWriter()
                .write(
                    db,
                    "predicted_new",
                    columns,
                    new PredictionRows(values, predictions, kept, feed.rows()),
                    CancellationCheck.NEVER);
      }
      double newLoad = (System.nanoTime() - started) / 1e9;
      Map<String, Long> newCounters = delta(before, counters(env));
      check(oldRows, rows, "old path");
      check(newRows, rows, "new path");
      checkSameTables(env);

      double oldRate = rows / (oldWrite.seconds() + oldLoad);
      double newRate = rows / (newWrite.seconds() + newLoad);
      table.row(
          String.format("%,d", rows),
          "old: float64 file + JDBC batches",
          feedSeconds,
          oldWrite.seconds(),
          oldLoad,
          oldRate,
          "1.00x",
          statements(oldCounters),
          oldCounters.get("Innodb_data_written") / 1048576.0);
      table.row(
          String.format("%,d", rows),
          "new: result stream + LOAD DATA LOCAL",
          feedSeconds,
          newWrite.seconds(),
          newLoad,
          newRate,
          Format.ratio(newRate / oldRate),
          statements(newCounters),
          newCounters.get("Innodb_data_written") / 1048576.0);
      if (rows == largest) {
        targets.add(
            new TargetCheck(
                "PREDICT writes at least 100,000 rows/s into MariaDB",
                String.format(
                    "%s rows/s at %,d rows (old path %s)",
                    Format.number(newRate), rows, Format.number(oldRate)),
                newRate >= 100_000));
      }
      FeedBenchmark.deleteTree(dir);
      Files.deleteIfExists(rowsFile);
      Files.deleteIfExists(bin);
      Files.deleteIfExists(result);
    }
    try (Connection c = env.direct();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS predicted_old");
      s.execute("DROP TABLE IF EXISTS predicted_new");
    }
    return new Section(title(), method(), true, List.of(table.build()), targets, notes);
  }

  private static Object[] oldRow(Object[] row, DataInputStream predictions) throws IOException {
    if (row == null) {
      return null;
    }
    Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
    double value = Double.longBitsToDouble(Long.reverseBytes(predictions.readLong()));
    out[row.length] = Double.isNaN(value) ? null : Math.round(value);
    return out;
  }

  private static void prepare(BenchEnvironment env, int rows) throws SQLException {
    try (Connection c = env.direct();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + COLUMNS + ")");
      try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
        count.next();
        if (count.getLong(1) == rows) {
          return;
        }
      }
      s.execute("TRUNCATE TABLE " + TABLE);
      s.execute(
          "INSERT INTO "
              + TABLE
              + " SELECT seq, seq % 1000, seq * 1000003, seq / 7, SQRT(seq),"
              + " CONCAT('name-', seq), DATE '2020-01-01' + INTERVAL (seq % 3000) DAY,"
              + " (seq % 100000) / 100, seq % 13, CONCAT('a note\\twith a tab ', seq)"
              + " FROM seq_1_to_"
              + rows);
    }
  }

  /** The two paths must have written the same table. */
  private static void checkSameTables(BenchEnvironment env) throws SQLException {
    String checksum = "SELECT COUNT(*), BIT_XOR(CRC32(CONCAT_WS('|', %s))) FROM %s";
    String all = "id, a, b, x, y, name, day, price, bucket, note, class";
    try (Connection c = env.direct();
        Statement s = c.createStatement();
        ResultSet old = s.executeQuery(String.format(checksum, all, "predicted_old"))) {
      old.next();
      String oldSum = old.getLong(1) + "/" + old.getLong(2);
      try (ResultSet fresh = s.executeQuery(String.format(checksum, all, "predicted_new"))) {
        fresh.next();
        String newSum = fresh.getLong(1) + "/" + fresh.getLong(2);
        if (!oldSum.equals(newSum)) {
          throw new IllegalStateException(
              "the two paths wrote different tables: " + oldSum + " vs " + newSum);
        }
      }
    }
  }

  private static Map<String, Long> counters(BenchEnvironment env) throws SQLException {
    Map<String, Long> values = new LinkedHashMap<>();
    try (Connection c = env.direct();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('"
                    + String.join("', '", COUNTERS)
                    + "')")) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getLong(2));
      }
    }
    return values;
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new LinkedHashMap<>();
    for (String name : COUNTERS) {
      delta.put(name, after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L));
    }
    return delta;
  }

  private static String statements(Map<String, Long> counters) {
    long loads = counters.get("Com_load");
    return loads > 0
        ? String.format("%,d LOAD DATA", loads)
        : String.format("%,d executes", counters.get("Com_stmt_execute"));
  }

  private static void check(long actual, int expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException(what + " wrote " + actual + " rows, expected " + expected);
    }
  }
}
