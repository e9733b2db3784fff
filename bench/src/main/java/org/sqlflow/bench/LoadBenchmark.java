package org.sqlflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Many pass-through clients while trainings stream their logs from the same server. */
final class LoadBenchmark implements Benchmark {
  private static final int TRAININGS = 2;
  private static final String RANGE =
      "SELECT id, name, value FROM points WHERE id BETWEEN ? AND ? + 99";

  @Override
  public String name() {
    return "load";
  }

  @Override
  public String title() {
    return "6. Load";
  }

  @Override
  public String method() {
    return "Clients (one connection each) run a mix for a fixed time: 90% point queries "
        + "(`"
        + PointQueryBenchmark.QUERY
        + "`), 10% 100-row range scans, as fast as they can. "
        + "Meanwhile "
        + TRAININGS
        + " trainings run on the same server and their clients "
        + "read every log row; the trainings are the benchmark's stand-in program "
        + "(`stamps.py`, 10 lines a second, through the real job engine), not TensorFlow. "
        + "Errors are any exception a client saw. Server heap: peak over the run (sum of "
        + "pool peaks) and live after a full GC at the end.";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    Sizes sizes = env.sizes();
    Side ours = new Side("ours", env.ourUrl());
    int clients = sizes.loadClients();
    long seconds = sizes.loadSeconds();
    AtomicLong errors = new AtomicLong();
    AtomicLong trainingRows = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients + TRAININGS);
    try (HeapPeak heap = HeapPeak.ofProcess(env.ourServer().pid())) {
      heap.reset();
      List<Future<?>> trainings = new ArrayList<>();
      int lines = (int) (seconds * 10 + 10);
      for (int i = 0; i < TRAININGS; i++) {
        trainings.add(
            pool.submit(
                () -> {
                  try (Connection c = ours.open();
                      Statement s = c.createStatement();
                      ResultSet rs =
                          s.executeQuery(
                              BenchTrainingHandler.statement(
                                  "--lines " + lines + " --pause 0.1"))) {
                    while (rs.next()) {
                      if (rs.getString(1).startsWith("stamp ")) {
                        trainingRows.incrementAndGet();
                      }
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    System.err.println("training client: " + e);
                  }
                  return null;
                }));
      }
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      List<Future<Samples>> results = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < clients; i++) {
        results.add(pool.submit(() -> mix(ours, deadline, sizes.pointRows(), errors)));
      }
      Samples all = new Samples();
      for (Future<Samples> result : results) {
        all.addAll(result.get());
      }
      double elapsed = (System.nanoTime() - started) / 1e9;
      for (Future<?> training : trainings) {
        training.get();
      }
      long peak = heap.peakBytes();
      long live = heap.liveBytes();
      LatencySummary s = all.summary();
      long expectedTrainingRows = (long) TRAININGS * lines;
      Table table =
          Table.builder(
                  clients + " clients, " + TRAININGS + " trainings, " + seconds + " s",
                  "queries",
                  "queries/s",
                  "p50 ms",
                  "p99 ms",
                  "max ms",
                  "errors",
                  "training lines read",
                  "server heap peak MiB",
                  "server heap live after MiB")
              .row(
                  s.count(),
                  s.count() / elapsed,
                  s.p50(),
                  s.p99(),
                  s.max(),
                  errors.get(),
                  trainingRows.get() + " of " + expectedTrainingRows,
                  Format.mebibytes(peak),
                  Format.mebibytes(live))
              .build();
      return new Section(
          title(),
          method(),
          true,
          List.of(table),
          List.of(
              new TargetCheck(
                  "no errors under load",
                  errors.get() + " errors",
                  errors.get() == 0 && trainingRows.get() == expectedTrainingRows)),
          List.of());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Samples mix(Side side, long deadline, int rows, AtomicLong errors)
      throws Exception {
    Samples samples = new Samples();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (Connection c = side.open();
        PreparedStatement point = c.prepareStatement(PointQueryBenchmark.QUERY);
        PreparedStatement range = c.prepareStatement(RANGE)) {
      while (System.nanoTime() < deadline) {
        long started = System.nanoTime();
        try {
          if (random.nextInt(10) == 0) {
            int from = 1 + random.nextInt(Math.max(1, rows - 100));
            range.setInt(1, from);
            range.setInt(2, from);
            try (ResultSet rs = range.executeQuery()) {
              while (rs.next()) {
                rs.getString(2);
              }
            }
          } else {
            PointQueryBenchmark.query(point, 1, rows, new Samples());
          }
          samples.add(System.nanoTime() - started);
        } catch (Exception e) {
          if (errors.incrementAndGet() <= 5) {
            System.err.println("load client: " + e);
          }
        }
      }
    }
    return samples;
  }
}
