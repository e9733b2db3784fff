package org.sqlflow.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Timed reads of a whole result, each value read, with the heap peaks on both sides. */
final class ResultReads {
  private ResultReads() {}

  /** Reads every value of the current row and folds it into a checksum. */
  @FunctionalInterface
  interface RowReader {
    long read(ResultSet rs, long checksum) throws SQLException;
  }

  /**
   * One timed read of {@code sql}, which must return {@code rows} rows, with the statement's fetch
   * size set to {@code fetchSize} unless it is 0, and the CPU seconds each process spent.
   */
  static Timed read(
      Side side,
      String sql,
      int rows,
      int fetchSize,
      RowReader reader,
      HeapPeak client,
      HeapPeak server,
      Cpu cpu)
      throws Exception {
    client.reset();
    if (server != null) {
      server.reset();
    }
    double[] cpuBefore = cpu.seconds();
    long started = System.nanoTime();
    long count = 0;
    long checksum = 17;
    try (Connection c = side.open();
        Statement s = c.createStatement()) {
      if (fetchSize != 0) {
        s.setFetchSize(fetchSize);
      }
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          checksum = reader.read(rs, checksum);
          count++;
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] cpuAfter = cpu.seconds();
    if (count != rows) {
      throw new IllegalStateException(side.name() + " read " + count + " rows, expected " + rows);
    }
    double[] spent = new double[cpuAfter.length];
    for (int i = 0; i < spent.length; i++) {
      spent[i] = cpuBefore[i] < 0 || cpuAfter[i] < 0 ? Double.NaN : cpuAfter[i] - cpuBefore[i];
    }
    return new Timed(
        new Single(
            seconds,
            checksum,
            client.peakBytes(),
            server == null ? -1 : server.peakBytes(),
            server == null ? -1 : server.oldGenerationPeakBytes()),
        spent);
  }

  /** The processes whose CPU a read is charged with: client, server (may be null), database. */
  record Cpu(CpuClock client, CpuClock server, CpuClock database) {
    static final Cpu NONE = new Cpu(null, null, null);

    double[] seconds() {
      return new double[] {of(client), of(server), of(database)};
    }

    private static double of(CpuClock clock) {
      return clock == null ? -1 : clock.seconds();
    }
  }

  /** One read and the CPU seconds of client, server and database (NaN where unknown). */
  record Timed(Single single, double[] cpuSeconds) {}

  record Single(
      double seconds, long checksum, long clientPeak, long serverPeak, long serverOldPeak) {}

  /** Repeats of one side at one size. */
  static final class Reading {
    private final List<Double> seconds = new ArrayList<>();
    private long clientPeak = -1;
    private long serverPeak = -1;
    private long serverOldPeak = -1;
    private Long checksum;
    private final List<double[]> cpu = new ArrayList<>();

    void add(Timed timed) {
      add(timed.single());
      cpu.add(timed.cpuSeconds());
    }

    /** Median CPU seconds of process {@code i} (0 client, 1 server, 2 database) over repeats. */
    double medianCpu(int i) {
      List<Double> sorted = cpu.stream().map(c -> c[i]).sorted().toList();
      return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    void add(Single single) {
      serverOldPeak = Math.max(serverOldPeak, single.serverOldPeak());
      seconds.add(single.seconds());
      clientPeak = Math.max(clientPeak, single.clientPeak());
      serverPeak = Math.max(serverPeak, single.serverPeak());
      checksum = single.checksum();
    }

    /** The checksum of the values read, the same on every side that read the same values. */
    long checksum() {
      return checksum == null ? 0 : checksum;
    }

    long clientPeak() {
      return clientPeak;
    }

    long serverPeak() {
      return serverPeak;
    }

    long serverOldPeak() {
      return serverOldPeak;
    }

    double medianSeconds() {
      List<Double> sorted = seconds.stream().sorted().toList();
      int n = sorted.size();
      if (n == 0) {
        return Double.NaN;
      }
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
      return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
      return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    String range() {
      return Format.number(min()) + "–" + Format.number(max());
    }
  }
}
