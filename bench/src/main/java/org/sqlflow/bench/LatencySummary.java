package org.sqlflow.bench;

import java.util.Arrays;

/** Order statistics of a set of latencies, in milliseconds. */
public record LatencySummary(
    int count, double p25, double p50, double p75, double p99, double max) {

  public static LatencySummary ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencySummary(
        sorted.length,
        millis(sorted, 0.25),
        millis(sorted, 0.50),
        millis(sorted, 0.75),
        millis(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  /** Nearest-rank percentile. */
  private static double millis(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
