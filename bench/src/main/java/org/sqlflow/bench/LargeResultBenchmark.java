package org.sqlflow.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sqlflow.bench.ResultReads.Reading;
import org.sqlflow.bench.ResultReads.Single;

/** Wall time and peak heaps to read the whole 10-column table on each side. */
final class LargeResultBenchmark implements Benchmark {

  @Override
  public String name() {
    return "large";
  }

  @Override
  public String title() {
    return "2. Pass-through large results";
  }

  @Override
  public String method() {
    return "`SELECT * FROM big WHERE id <= n` (1 INT + 9 DOUBLE columns), every value read "
        + "with getInt/getDouble, at a tenth of the size and at full size, each side in turn, "
        + "repeated, after three untimed reads per side. Wall time is the median of the "
        + "repeats (min–max beside it). Heap peaks "
        + "are the sum of the heap pools' peak use after a full GC and reset (an upper bound "
        + "that includes garbage not yet collected), and the old generation's peak, which is what "
        + "outlived young collections: flat for a server that streams; the client is the benchmark JVM, each "
        + "server runs with -Xmx1g. Direct Connector/J appears twice: with its defaults "
        + "(reads the whole result into memory) and with the cursor fetch our server uses "
        + "(`useCursorFetch=true&defaultFetchSize=1000`). The H2 rows read an embedded H2 "
        + "file in the benchmark JVM directly, then through our server in front of it.";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    Sizes sizes = env.sizes();
    int large = sizes.bigRows();
    int small = Math.max(10, large / 10);
    List<Side> sides =
        List.of(
            new Side("direct Connector/J (defaults)", env.directUrl("")),
            new Side(
                "direct Connector/J (cursor fetch)",
                env.directUrl("useCursorFetch=true&defaultFetchSize=1000")),
            new Side("ours (driver + server)", env.ourUrl()),
            new Side("stock Avatica 1.27", env.avaticaUrl()));
    List<HeapPeak> servers =
        Arrays.asList(
            null,
            null,
            HeapPeak.ofProcess(env.ourServer().pid()),
            HeapPeak.ofProcess(env.avaticaServer().pid()));
    HeapPeak client = HeapPeak.ofThisJvm();
    Table.Builder table =
        Table.builder(
            "MariaDB, " + String.format("%,d", large) + " rows at full size",
            "side",
            "rows",
            "wall s (median)",
            "min–max s",
            "rows/s",
            "vs direct (defaults)",
            "client peak heap MiB",
            "server peak heap MiB",
            "server old-gen peak MiB");
    List<TargetCheck> targets = new ArrayList<>();
    double[][] medians = new double[sides.size()][2];
    long[][] serverOldPeaks = new long[sides.size()][2];
    int[] rowCounts = {small, large};
    // Untimed reads first: the first reads of a JVM run interpreted code and are several
    // times slower, which would otherwise land on whichever side goes first.
    for (int i = 0; i < sides.size(); i++) {
      for (int warmup = 0; warmup < 3; warmup++) {
        read(sides.get(i), small, client, servers.get(i));
      }
    }
    List<Reading[]> readings = new ArrayList<>();
    for (int size = 0; size < 2; size++) {
      Reading[] bySide = new Reading[sides.size()];
      for (int i = 0; i < sides.size(); i++) {
        bySide[i] = new Reading();
      }
      for (int repeat = 0; repeat < sizes.largeRepeats(); repeat++) {
        for (int i = 0; i < sides.size(); i++) {
          bySide[i].add(read(sides.get(i), rowCounts[size], client, servers.get(i)));
        }
      }
      readings.add(bySide);
    }
    for (int size = 0; size < 2; size++) {
      for (int i = 0; i < sides.size(); i++) {
        Reading r = readings.get(size)[i];
        medians[i][size] = r.medianSeconds();
        serverOldPeaks[i][size] = r.serverOldPeak();
      }
    }
    for (int size = 0; size < 2; size++) {
      for (int i = 0; i < sides.size(); i++) {
        Reading r = readings.get(size)[i];
        table.row(
            sides.get(i).name(),
            String.format("%,d", rowCounts[size]),
            r.medianSeconds(),
            r.range(),
            rowCounts[size] / r.medianSeconds(),
            Format.ratio(r.medianSeconds() / medians[0][size]),
            Format.mebibytes(r.clientPeak()),
            Format.mebibytes(r.serverPeak()),
            Format.mebibytes(r.serverOldPeak()));
      }
    }
    for (HeapPeak server : servers) {
      if (server != null) {
        server.close();
      }
    }
    double ratio = medians[2][1] / medians[0][1];
    targets.add(
        new TargetCheck(
            "large result wall time at most 1.5x direct Connector/J",
            Format.ratio(ratio)
                + " ("
                + Format.number(medians[2][1])
                + " s vs "
                + Format.number(medians[0][1])
                + " s)",
            ratio <= 1.5));
    boolean flat = serverOldPeaks[2][1] <= serverOldPeaks[2][0] * 1.5 + (32L << 20);
    targets.add(
        new TargetCheck(
            "our server's heap flat in result size (old generation peak)",
            Format.mebibytes(serverOldPeaks[2][0])
                + " MiB at "
                + String.format("%,d", small)
                + " rows, "
                + Format.mebibytes(serverOldPeaks[2][1])
                + " MiB at "
                + String.format("%,d", large)
                + " (stock Avatica: "
                + Format.mebibytes(serverOldPeaks[3][0])
                + " → "
                + Format.mebibytes(serverOldPeaks[3][1])
                + " MiB)",
            flat));
    Table h2 = h2(env, large);
    return new Section(title(), method(), true, List.of(table.build(), h2), targets, List.of());
  }

  /** Embedded H2: directly in this JVM, then through our server; not interleaved (one owner). */
  private Table h2(BenchEnvironment env, int rows) throws Exception {
    String url = env.h2Url();
    HeapPeak client = HeapPeak.ofThisJvm();
    Side direct = new Side("direct embedded H2 (in the benchmark JVM)", url + ";USER=sa");
    Reading directReading = new Reading();
    for (int warmup = 0; warmup < 3; warmup++) {
      read(direct, Math.max(10, rows / 10), client, null);
    }
    for (int repeat = 0; repeat < env.sizes().largeRepeats(); repeat++) {
      directReading.add(read(direct, rows, client, null));
    }
    Reading oursReading = new Reading();
    try (JavaProcess server = env.startOurServer("sqlflow-server-h2", List.of(), url, "sa", "");
        HeapPeak serverHeap = HeapPeak.ofProcess(server.pid())) {
      Side ours =
          new Side("ours in front of embedded H2", "jdbc:sqlflow://127.0.0.1:" + server.port());
      for (int warmup = 0; warmup < 3; warmup++) {
        read(ours, Math.max(10, rows / 10), client, serverHeap);
      }
      for (int repeat = 0; repeat < env.sizes().largeRepeats(); repeat++) {
        oursReading.add(read(ours, rows, client, serverHeap));
      }
    }
    Table.Builder table =
        Table.builder(
            "Embedded H2, " + String.format("%,d", rows) + " rows",
            "side",
            "wall s (median)",
            "min–max s",
            "rows/s",
            "vs direct H2",
            "client peak heap MiB",
            "server peak heap MiB",
            "server old-gen peak MiB");
    for (var entry :
        List.of(
            Map.entry(direct.name(), directReading),
            Map.entry("ours in front of embedded H2", oursReading))) {
      Reading r = entry.getValue();
      table.row(
          entry.getKey(),
          r.medianSeconds(),
          r.range(),
          rows / r.medianSeconds(),
          Format.ratio(r.medianSeconds() / directReading.medianSeconds()),
          Format.mebibytes(r.clientPeak()),
          Format.mebibytes(r.serverPeak()),
          Format.mebibytes(r.serverOldPeak()));
    }
    return table.build();
  }

  /** Every value of a row of {@code big}, read as the application would. */
  static long readNumericRow(ResultSet rs, long checksum) throws SQLException {
    long h = checksum * 31 + rs.getInt(1);
    for (int column = 2; column <= 10; column++) {
      h = h * 31 + Double.hashCode(rs.getDouble(column));
    }
    return h;
  }

  private static Single read(Side side, int rows, HeapPeak client, HeapPeak server)
      throws Exception {
    return ResultReads.read(
            side,
            "SELECT * FROM big WHERE id <= " + rows,
            rows,
            0,
            LargeResultBenchmark::readNumericRow,
            client,
            server,
            ResultReads.Cpu.NONE)
        .single();
  }
}
