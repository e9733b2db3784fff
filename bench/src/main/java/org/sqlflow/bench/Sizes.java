package org.sqlflow.bench;

/**
 * How much each benchmark does. {@link #FULL} is the documented run, {@link #QUICK} a shorter one
 * for a first look, {@link #SMOKE} only proves every benchmark still produces numbers.
 *
 * @param pointRows rows in the point-query table
 * @param warmupQueries untimed queries per side before measuring
 * @param pointQueries timed queries per side from one client, split over {@code rounds}
 * @param concurrentQueries timed queries per client per side with 16 clients
 * @param pointRounds the point queries' rounds: each side runs this many times, interleaved with
 *     the others and starting with a different side each round, so that noise and drift (other
 *     jobs, the JIT) hit every side alike
 * @param rounds the streaming benchmark's rounds, interleaved the same way
 * @param bigRows rows of the large-result and feed table (10 columns)
 * @param largeRepeats timed reads of the large result per side
 * @param streamLines stamped lines the streaming program prints
 * @param streamPauseMillis pause between them
 * @param jobRuns iris trainings timed for job start
 * @param loadSeconds length of the load run
 * @param loadClients query clients in the load run
 */
public record Sizes(
    int pointRows,
    int warmupQueries,
    int pointQueries,
    int concurrentQueries,
    int pointRounds,
    int rounds,
    int bigRows,
    int largeRepeats,
    int streamLines,
    int streamPauseMillis,
    int jobRuns,
    int loadSeconds,
    int loadClients) {

  public static final Sizes FULL =
      new Sizes(100_000, 50_000, 20_000, 1_500, 10, 2, 1_000_000, 3, 200, 50, 2, 30, 32);
  public static final Sizes QUICK =
      new Sizes(10_000, 1_000, 4_000, 300, 4, 2, 100_000, 1, 60, 50, 1, 10, 32);
  public static final Sizes SMOKE = new Sizes(100, 20, 100, 10, 1, 1, 100, 1, 8, 20, 1, 2, 8);
}
