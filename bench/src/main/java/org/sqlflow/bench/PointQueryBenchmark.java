package org.sqlflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/** Round trips of a SELECT by primary key from 1 and 16 clients on each side. */
final class PointQueryBenchmark implements Benchmark {
  static final String QUERY = "SELECT id, name, value FROM points WHERE id = ?";
  private static final int CLIENTS = 16;

  /** The server's backing URL without cursor fetch: one database round trip per query. */
  static final String NO_CURSOR = "useCursorFetch=false&useServerPrepStmts=true";

  /** Avatica's default HTTP client (HttpClient 5), which our driver replaces by its own. */
  static final String AVATICA_HTTP_CLIENT =
      "org.apache.calcite.avatica.remote.AvaticaCommonsHttpClientImpl";

  @Override
  public String name() {
    return "point";
  }

  @Override
  public String title() {
    return "1. Pass-through point queries";
  }

  @Override
  public String method() {
    return "`"
        + QUERY
        + "` with a random id as a PreparedStatement (prepared once per client, "
        + "executed many times, all three columns read). Direct = mysql-connector-j 9.5.0 "
        + "with default settings; ours = our driver and server (separate JVM); stock Avatica "
        + "= avatica-standalone-server 1.27.0 (separate JVM, protobuf) read with Avatica's own "
        + "remote driver; its Connector/J URL adds `generateSimpleParameterMetadata=true`, "
        + "without which it cannot prepare a statement with parameters. The fourth row is our "
        + "server started with `--db` URL options that turn off the cursor fetch it adds by "
        + "default (a diagnostic: see Findings), the fifth our driver with Avatica's own HTTP client "
        + "(`httpclient_impl=...AvaticaCommonsHttpClientImpl`) instead of our driver's. Each "
        + "side first runs untimed queries (50,000 in the full run) so that both JVMs have "
        + "compiled its path; the sides then take turns in rounds (10 in the full run), each "
        + "round starting with another side, so that machine noise and drift fall on all of them.";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    BenchOptions o = env.options();
    try (JavaProcess noCursor =
        env.startOurServer(
            "sqlflow-server-no-cursor",
            List.of(),
            env.databaseUrl() + "?" + NO_CURSOR,
            o.mysqlUser(),
            o.mysqlPassword())) {
      return run(
          env,
          List.of(
              new Side("direct Connector/J", env.directUrl("")),
              new Side("ours (driver + server)", env.ourUrl()),
              new Side("stock Avatica 1.27", env.avaticaUrl()),
              new Side(
                  "ours, --db ...?" + NO_CURSOR, "jdbc:sqlflow://127.0.0.1:" + noCursor.port()),
              new Side(
                  "ours, Avatica's HTTP client",
                  env.ourUrl() + "?httpclient_impl=" + AVATICA_HTTP_CLIENT)));
    }
  }

  private Section run(BenchEnvironment env, List<Side> sides) throws Exception {
    Sizes sizes = env.sizes();
    Map<Side, Samples> single = new LinkedHashMap<>();
    Map<Side, Long> singleNanos = new LinkedHashMap<>();
    Map<Side, Samples> concurrent = new LinkedHashMap<>();
    Map<Side, Long> concurrentNanos = new LinkedHashMap<>();
    for (Side side : sides) {
      single.put(side, new Samples());
      singleNanos.put(side, 0L);
      concurrent.put(side, new Samples());
      concurrentNanos.put(side, 0L);
      try (Connection c = side.open();
          PreparedStatement ps = c.prepareStatement(QUERY)) {
        query(ps, sizes.warmupQueries(), sizes.pointRows(), new Samples());
      }
    }
    int perRound = Math.max(1, sizes.pointQueries() / sizes.pointRounds());
    int perClientRound = Math.max(1, sizes.concurrentQueries() / sizes.pointRounds());
    for (int round = 0; round < sizes.pointRounds(); round++) {
      // Each round starts with another side, so that none always follows the same one.
      List<Side> order = new ArrayList<>(sides);
      Collections.rotate(order, -round);
      for (Side side : order) {
        try (Connection c = side.open();
            PreparedStatement ps = c.prepareStatement(QUERY)) {
          long started = System.nanoTime();
          query(ps, perRound, sizes.pointRows(), single.get(side));
          singleNanos.merge(side, System.nanoTime() - started, Long::sum);
        }
      }
      for (Side side : order) {
        long nanos = concurrently(side, perClientRound, sizes.pointRows(), concurrent.get(side));
        concurrentNanos.merge(side, nanos, Long::sum);
      }
    }
    Table.Builder one = table("1 client");
    Table.Builder many = table(CLIENTS + " concurrent clients");
    LatencySummary direct = single.get(sides.get(0)).summary();
    LatencySummary stock = single.get(sides.get(2)).summary();
    LatencySummary directMany = concurrent.get(sides.get(0)).summary();
    LatencySummary stockMany = concurrent.get(sides.get(2)).summary();
    for (Side side : sides) {
      row(one, side, single.get(side), singleNanos.get(side), direct, stock);
      row(many, side, concurrent.get(side), concurrentNanos.get(side), directMany, stockMany);
    }
    LatencySummary ours = single.get(sides.get(1)).summary();
    List<TargetCheck> targets =
        List.of(
            new TargetCheck(
                "point query p50 (1 client) at most half of stock Avatica's",
                String.format(
                    "%s ms vs %s ms (%s)",
                    Format.number(ours.p50()),
                    Format.number(stock.p50()),
                    Format.ratio(ours.p50() / stock.p50())),
                ours.p50() <= stock.p50() / 2),
            new TargetCheck(
                "point query p99 (1 client) under 1 ms",
                Format.number(ours.p99()) + " ms",
                ours.p99() < 1.0));
    return new Section(
        title(), method(), true, List.of(one.build(), many.build()), targets, List.of());
  }

  private static Table.Builder table(String title) {
    return Table.builder(
        title,
        "side",
        "queries",
        "p50 ms",
        "p99 ms",
        "max ms",
        "IQR ms",
        "queries/s",
        "p50 vs direct",
        "p50 vs stock Avatica");
  }

  private static void row(
      Table.Builder table,
      Side side,
      Samples samples,
      long nanos,
      LatencySummary direct,
      LatencySummary stock) {
    LatencySummary s = samples.summary();
    table.row(
        side.name(),
        s.count(),
        s.p50(),
        s.p99(),
        s.max(),
        Format.number(s.p25()) + "–" + Format.number(s.p75()),
        s.count() / (nanos / 1e9),
        Format.ratio(s.p50() / direct.p50()),
        Format.ratio(s.p50() / stock.p50()));
  }

  /** Runs {@code count} point queries, adding each round trip's time to {@code samples}. */
  static void query(PreparedStatement ps, int count, int rows, Samples samples)
      throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < count; i++) {
      int id = 1 + random.nextInt(rows);
      long started = System.nanoTime();
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getInt(1) != id || rs.getString(2) == null) {
          throw new IllegalStateException("row " + id + " missing");
        }
        rs.getDouble(3);
      }
      samples.add(System.nanoTime() - started);
    }
  }

  /** {@value #CLIENTS} clients, one connection each; returns the wall time of the busy part. */
  private static long concurrently(Side side, int perClient, int rows, Samples into)
      throws Exception {
    List<Connection> connections = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      for (int i = 0; i < CLIENTS; i++) {
        connections.add(side.open());
      }
      List<Future<Samples>> results = new ArrayList<>();
      long started = System.nanoTime();
      for (Connection c : connections) {
        results.add(
            pool.submit(
                () -> {
                  Samples samples = new Samples();
                  try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                    query(ps, perClient, rows, samples);
                  }
                  return samples;
                }));
      }
      for (Future<Samples> result : results) {
        into.addAll(result.get());
      }
      return System.nanoTime() - started;
    } finally {
      pool.shutdownNow();
      for (Connection c : connections) {
        c.close();
      }
    }
  }
}
