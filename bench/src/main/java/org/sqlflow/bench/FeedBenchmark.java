package org.sqlflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.feed.Feed;
import org.sqlflow.server.feed.FeedWriter;

/** Rows per second from the database into a training program's numpy arrays. */
final class FeedBenchmark implements Benchmark {
  static final String SELECT = "SELECT * FROM big";

  @Override
  public String name() {
    return "feed";
  }

  @Override
  public String title() {
    return "4. Data feed";
  }

  @Override
  public String method() {
    return "`"
        + SELECT
        + "` (1 INT + 9 DOUBLE columns) into float64 numpy arrays. Ours: the "
        + "server's FeedWriter streams the rows over JDBC (Connector/J with the server's "
        + "cursor fetch) into feed files, then `sqlflow_runtime.feed.read` loads them in "
        + "Python; total = the two one after the other, as a job runs them. Baseline: a "
        + "Python program reading the table straight from MariaDB with PyMySQL 1.2.4 "
        + "(`fetchall`, then one numpy array). Python times exclude interpreter start and "
        + "imports. The sides alternate per repeat.";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    int rows = env.sizes().bigRows();
    int repeats = env.sizes().largeRepeats() > 1 ? 2 : 1;
    Path python = env.options().python();
    boolean pymysql = PythonScript.canImport(python, "pymysql");
    List<String> notes = new ArrayList<>();
    if (!pymysql) {
      notes.add(
          "PyMySQL baseline skipped: `import pymysql` fails for "
              + python
              + " (bin/bench installs bench/requirements.txt).");
    }
    Map<String, String> pythonPath =
        Map.of("PYTHONPATH", env.options().root().resolve("src/python").toString());
    List<Double> write = new ArrayList<>();
    List<Double> read = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    for (int repeat = 0; repeat < repeats; repeat++) {
      Path dir = env.work().resolve("feed-" + repeat);
      long started = System.nanoTime();
      Feed feed;
      try (Connection c =
          DriverManager.getConnection(env.directUrl("useCursorFetch=true&defaultFetchSize=1000"))) {
        feed = new FeedWriter().writeSelect(c, SELECT, dir, null, CancellationCheck.NEVER);
      }
      write.add((System.nanoTime() - started) / 1e9);
      check(feed.rows(), rows, "feed writer");
      PythonScript.Timing timing =
          PythonScript.run(python, env.script("feed_read.py"), pythonPath, dir.toString());
      check(timing.rows(), rows, "feed.read");
      read.add(timing.seconds());
      deleteTree(dir);
      if (pymysql) {
        BenchOptions o = env.options();
        PythonScript.Timing direct =
            PythonScript.run(
                python,
                env.script("pymysql_read.py"),
                Map.of(),
                o.mysqlHost(),
                Integer.toString(o.mysqlPort()),
                o.mysqlUser(),
                o.mysqlPassword(),
                env.database(),
                SELECT);
        check(direct.rows(), rows, "PyMySQL");
        baseline.add(direct.seconds());
      }
    }
    double w = median(write);
    double r = median(read);
    Table.Builder table =
        Table.builder(
            String.format("%,d rows x 10 columns", rows),
            "path",
            "seconds (median)",
            "rows/s",
            "speed vs PyMySQL");
    double base = pymysql ? median(baseline) : Double.NaN;
    table.row("ours: FeedWriter, JDBC → feed files", w, rows / w, "");
    table.row("ours: Python feed.read of the files", r, rows / r, "");
    table.row("ours: total (write + read)", w + r, rows / (w + r), Format.ratio(base / (w + r)));
    table.row(
        "baseline: PyMySQL → numpy",
        pymysql ? base : null,
        pymysql ? rows / base : null,
        pymysql ? "1.00x" : "skipped");
    List<TargetCheck> targets =
        pymysql
            ? List.of(
                new TargetCheck(
                    "feed at least 3x the Python-driver baseline",
                    Format.number(rows / (w + r))
                        + " vs "
                        + Format.number(rows / base)
                        + " rows/s ("
                        + Format.ratio(base / (w + r))
                        + ")",
                    3 * (w + r) <= base))
            : List.of();
    return new Section(title(), method(), true, List.of(table.build()), targets, notes);
  }

  private static void check(long actual, int expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException(what + " saw " + actual + " rows, expected " + expected);
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
