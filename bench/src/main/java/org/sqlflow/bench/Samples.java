package org.sqlflow.bench;

import java.util.Arrays;

/** A growable array of nanosecond latencies; one per thread, merged afterwards. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  void addAll(Samples other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int size() {
    return size;
  }

  LatencySummary summary() {
    return LatencySummary.ofNanos(Arrays.copyOf(values, size));
  }
}
