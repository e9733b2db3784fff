package org.sqlflow.bench;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sqlflow.bench.ResultReads.Reading;

/**
 * Wall time and peak heaps to read the mixed table (ten columns of seven types) on each
 * side, every client with a fetch size of 1000, every value read and compared across the sides.
 */
final class MixedResultBenchmark implements Benchmark {
  private static final int FETCH_SIZE = 1000;

  @Override
  public String name() {
    return "mixed";
  }

  @Override
  public String title() {
    return "2b. Pass-through large results, mixed column types";
  }

  @Override
  public String method() {
    return "`SELECT * FROM mixed WHERE id <= n` over INT PRIMARY KEY, INT, BIGINT, DOUBLE, DOUBLE, "
        + "VARCHAR(32), DATE, DECIMAL(10,2), INT (every tenth NULL), VARCHAR(64), each value read "
        + "with its getter (getInt, getLong, getDouble, getString, getDate, getBigDecimal) and "
        + "folded into a checksum that must be the same on every side. Every client sets a fetch "
        + "size of 1000: Connector/J with cursor fetch "
        + "(`useCursorFetch=true`, 1000 rows per fetch, as our server reads MariaDB), Connector/J "
        + "streaming (`setFetchSize(Integer.MIN_VALUE)`, rows off the socket as they come), our "
        + "driver and stock Avatica with `setFetchSize(1000)` (rows per frame). Our driver asks "
        + "for packed frames (one value per frame, read ahead while the application reads); the "
        + "last side turns that off to show what it changes. CPU seconds are each process's "
        + "user + system time during the read (median): the client is the benchmark JVM, the "
        + "server the side's server JVM, MariaDB the whole database process. Sizes, repeats, "
        + "warm-up and heap columns as in section 2.";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    int large = env.sizes().bigRows();
    int small = Math.max(10, large / 10);
    List<Side> sides =
        List.of(
            new Side("direct Connector/J (cursor fetch)", env.directUrl("useCursorFetch=true")),
            new Side("direct Connector/J (streaming)", env.directUrl("")),
            new Side("ours (driver + server)", env.ourUrl()),
            new Side("stock Avatica 1.27", env.avaticaUrl()),
            new Side(
                "ours, Avatica's frames (`sqlflow_frames=avatica`)",
                env.ourUrl() + "?sqlflow_frames=avatica"));
    int[] fetchSizes = {FETCH_SIZE, Integer.MIN_VALUE, FETCH_SIZE, FETCH_SIZE, FETCH_SIZE};
    List<HeapPeak> servers =
        Arrays.asList(
            null,
            null,
            HeapPeak.ofProcess(env.ourServer().pid()),
            HeapPeak.ofProcess(env.avaticaServer().pid()),
            HeapPeak.ofProcess(env.ourServer().pid()));
    CpuClock database = CpuClock.ofDatabase().orElse(null);
    List<ResultReads.Cpu> cpus =
        List.of(
            new ResultReads.Cpu(CpuClock.ofThisJvm(), null, database),
            new ResultReads.Cpu(CpuClock.ofThisJvm(), null, database),
            new ResultReads.Cpu(
                CpuClock.ofThisJvm(), CpuClock.ofProcess(env.ourServer().pid()), database),
            new ResultReads.Cpu(
                CpuClock.ofThisJvm(), CpuClock.ofProcess(env.avaticaServer().pid()), database),
            new ResultReads.Cpu(
                CpuClock.ofThisJvm(), CpuClock.ofProcess(env.ourServer().pid()), database));
    HeapPeak client = HeapPeak.ofThisJvm();
    int[] rowCounts = {small, large};
    List<String> notes = new ArrayList<>();
    String[] failed = new String[sides.size()];
    for (int i = 0; i < sides.size(); i++) {
      for (int warmup = 0; warmup < 3 && failed[i] == null; warmup++) {
        failed[i] =
            tryRead(sides.get(i), small, fetchSizes[i], client, servers.get(i), cpus.get(i), null);
      }
    }
    Reading[][] readings = new Reading[2][sides.size()];
    for (int size = 0; size < 2; size++) {
      for (int i = 0; i < sides.size(); i++) {
        readings[size][i] = new Reading();
      }
      for (int repeat = 0; repeat < env.sizes().largeRepeats(); repeat++) {
        for (int i = 0; i < sides.size(); i++) {
          if (failed[i] == null) {
            failed[i] =
                tryRead(
                    sides.get(i),
                    rowCounts[size],
                    fetchSizes[i],
                    client,
                    servers.get(i),
                    cpus.get(i),
                    readings[size][i]);
          }
        }
      }
    }
    for (HeapPeak server : servers) {
      if (server != null) {
        server.close();
      }
    }
    for (int i = 0; i < sides.size(); i++) {
      if (failed[i] != null) {
        notes.add(sides.get(i).name() + " failed: " + failed[i]);
      }
    }
    Table.Builder table =
        Table.builder(
            "MariaDB, mixed types, " + String.format("%,d", large) + " rows at full size",
            "side",
            "rows",
            "wall s (median)",
            "min–max s",
            "rows/s",
            "vs cursor fetch",
            "vs streaming",
            "CPU s: client",
            "server",
            "MariaDB",
            "client peak heap MiB",
            "server peak heap MiB",
            "server old-gen peak MiB");
    for (int size = 0; size < 2; size++) {
      Reading[] bySide = readings[size];
      for (int i = 0; i < sides.size(); i++) {
        Reading r = bySide[i];
        if (failed[i] != null) {
          continue;
        }
        if (r.checksum() != bySide[0].checksum()) {
          throw new IllegalStateException(
              sides.get(i).name() + " read other values than " + sides.get(0).name());
        }
        table.row(
            sides.get(i).name(),
            String.format("%,d", rowCounts[size]),
            r.medianSeconds(),
            r.range(),
            rowCounts[size] / r.medianSeconds(),
            Format.ratio(r.medianSeconds() / bySide[0].medianSeconds()),
            Format.ratio(r.medianSeconds() / bySide[1].medianSeconds()),
            Format.number(r.medianCpu(0)),
            Format.number(r.medianCpu(1)),
            Format.number(r.medianCpu(2)),
            Format.mebibytes(r.clientPeak()),
            Format.mebibytes(r.serverPeak()),
            Format.mebibytes(r.serverOldPeak()));
      }
    }
    Reading cursor = readings[1][0];
    Reading streaming = readings[1][1];
    Reading ours = readings[1][2];
    double ratio = ours.medianSeconds() / cursor.medianSeconds();
    List<TargetCheck> targets = new ArrayList<>();
    targets.add(
        new TargetCheck(
            "mixed 1M-row read at most 1.5x direct Connector/J (fetch size 1000)",
            Format.ratio(ratio)
                + " ("
                + Format.number(ours.medianSeconds())
                + " s vs "
                + Format.number(cursor.medianSeconds())
                + " s with cursor fetch; "
                + Format.ratio(ours.medianSeconds() / streaming.medianSeconds())
                + " of streaming's "
                + Format.number(streaming.medianSeconds())
                + " s)",
            ratio <= 1.5));
    long smallOld = readings[0][2].serverOldPeak();
    long largeOld = ours.serverOldPeak();
    targets.add(
        new TargetCheck(
            "our server's heap flat on the mixed table (old generation peak)",
            Format.mebibytes(smallOld)
                + " MiB at "
                + String.format("%,d", small)
                + " rows, "
                + Format.mebibytes(largeOld)
                + " MiB at "
                + String.format("%,d", large),
            largeOld <= smallOld * 1.5 + (32L << 20)));
    return new Section(title(), method(), true, List.of(table.build()), targets, notes);
  }

  /** One read into {@code into} (null: untimed); the failure's message, or null. */
  private static String tryRead(
      Side side,
      int rows,
      int fetchSize,
      HeapPeak client,
      HeapPeak server,
      ResultReads.Cpu cpu,
      Reading into) {
    try {
      var timed =
          ResultReads.read(
              side,
              "SELECT * FROM mixed WHERE id <= " + rows,
              rows,
              fetchSize,
              MixedResultBenchmark::readRow,
              client,
              server,
              cpu);
      if (into != null) {
        into.add(timed);
      }
      return null;
    } catch (Exception | OutOfMemoryError e) {
      e.printStackTrace();
      return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }
  }

  /** Every value of a row of {@code mixed}, read with its own getter. */
  static long readRow(ResultSet rs, long checksum) throws SQLException {
    long h = checksum * 31 + rs.getInt(1);
    h = h * 31 + rs.getInt(2);
    h = h * 31 + rs.getLong(3);
    h = h * 31 + Double.hashCode(rs.getDouble(4));
    h = h * 31 + Double.hashCode(rs.getDouble(5));
    h = h * 31 + rs.getString(6).hashCode();
    Date day = rs.getDate(7);
    h = h * 31 + day.toLocalDate().toEpochDay();
    BigDecimal amount = rs.getBigDecimal(8);
    h = h * 31 + amount.movePointRight(2).longValueExact();
    int bucket = rs.getInt(9);
    h = h * 31 + (rs.wasNull() ? -1 : bucket);
    return h * 31 + rs.getString(10).hashCode();
  }
}
