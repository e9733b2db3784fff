package org.sqlflow.server.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helper: reads a job's log the way the protocol layer does, until the end. */
final class JobLogs {
  record Ending(List<String> rows, Optional<String> failure) {}

  private JobLogs() {}

  static Ending readToEnd(Job job, Duration timeout) throws InterruptedException {
    List<String> rows = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      LogChunk chunk = job.read(rows.size(), 0, Duration.ofMillis(200));
      rows.addAll(chunk.rows());
      if (chunk.done()) {
        return new Ending(rows, chunk.failure());
      }
    }
    throw new AssertionError("job " + job.id() + " did not end within " + timeout + ": " + rows);
  }

  /** Reads until a row starting with {@code prefix} arrives; returns it. */
  static String readUntil(Job job, String prefix, Duration timeout) throws InterruptedException {
    long offset = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      LogChunk chunk = job.read(offset, 0, Duration.ofMillis(200));
      for (String row : chunk.rows()) {
        if (row.startsWith(prefix)) {
          return row;
        }
      }
      offset += chunk.rows().size();
      if (chunk.done()) {
        break;
      }
    }
    throw new AssertionError("no row starting with '" + prefix + "' from job " + job.id());
  }
}
