package org.sqlflow.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** From a program's print to the client's {@code next()}: our path beside a plain pipe. */
final class StreamingLatencyBenchmark implements Benchmark {

  @Override
  public String name() {
    return "streaming";
  }

  @Override
  public String title() {
    return "3. Streaming latency";
  }

  @Override
  public String method() {
    return "`stamps.py` prints `stamp <i> <unix µs>` lines with a pause between them (flushed). "
        + "Ours: the program runs as a job through the job engine (an JobPreparer "
        + "of the benchmark), and the client's ResultSet.next() returns each line; latency = "
        + "wall clock at next() minus the stamp. Floor: the same program started with "
        + "ProcessBuilder in the benchmark JVM, its stdout read line by line. Same machine, "
        + "same clock; the two alternate in rounds.";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    Sizes sizes = env.sizes();
    String python = env.options().python().toString();
    String script = env.script("stamps.py").toString();
    int perRound = Math.max(2, sizes.streamLines() / sizes.rounds());
    String args =
        String.format(
            Locale.ROOT, "--lines %d --pause %.3f", perRound, sizes.streamPauseMillis() / 1000.0);
    Samples ours = new Samples();
    Samples pipe = new Samples();
    String url = env.ourUrl();
    for (int round = 0; round < sizes.rounds(); round++) {
      try (Connection c = new Side("ours", url).open();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(BenchTrainingHandler.statement(args))) {
        while (rs.next()) {
          long now = nowMicros();
          String line = rs.getString(1);
          if (line.startsWith("stamp ")) {
            ours.add(latencyNanos(line, now));
          }
        }
      }
      Process process =
          new ProcessBuilder(
                  List.of(
                      python,
                      "-u",
                      script,
                      "--lines",
                      Integer.toString(perRound),
                      "--pause",
                      String.format(Locale.ROOT, "%.3f", sizes.streamPauseMillis() / 1000.0)))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          long now = nowMicros();
          if (line.startsWith("stamp ")) {
            pipe.add(latencyNanos(line, now));
          }
        }
      }
      process.waitFor();
    }
    if (ours.size() != perRound * sizes.rounds()) {
      throw new IllegalStateException("read " + ours.size() + " stamped rows through the server");
    }
    LatencySummary o = ours.summary();
    LatencySummary p = pipe.summary();
    Table table =
        Table.builder(
                String.format("%d lines, one every %d ms", ours.size(), sizes.streamPauseMillis()),
                "path",
                "lines",
                "p50 ms",
                "p99 ms",
                "max ms")
            .row(
                "ours: job engine → server → driver → next()", o.count(), o.p50(), o.p99(), o.max())
            .row(
                "floor: plain pipe (ProcessBuilder) in the same JVM",
                p.count(),
                p.p50(),
                p.p99(),
                p.max())
            .build();
    return new Section(
        title(),
        method(),
        true,
        List.of(table),
        List.of(
            new TargetCheck(
                "streaming p99 under 50 ms", Format.number(o.p99()) + " ms", o.p99() < 50)),
        List.of());
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static long latencyNanos(String line, long nowMicros) {
    String[] parts = line.trim().split(" ");
    long stamp = Long.parseLong(parts[2]);
    return Math.max(0, nowMicros - stamp) * 1_000L;
  }
}
