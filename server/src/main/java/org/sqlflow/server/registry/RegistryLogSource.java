package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlflow.server.job.LogChunk;
import org.sqlflow.server.job.LogSource;

/**
 * A job's log as the registry has it, for SHOW JOB LOG of a job another server runs (or ran): a
 * running job's new rows are polled for, an ended job's rows are all there. The job's state is read
 * before its rows, and the writer stores rows before states, so "ended" is only reported with the
 * last row.
 */
final class RegistryLogSource implements LogSource {
  private final JobRegistry registry;
  private final long jobId;
  private final Duration pollEvery;
  private volatile boolean cancelled;

  RegistryLogSource(JobRegistry registry, long jobId, Duration pollEvery) {
    this.registry = requireNonNull(registry, "registry");
    this.jobId = jobId;
    this.pollEvery = requireNonNull(pollEvery, "pollEvery");
  }

  @Override
  public LogChunk read(long offset, int maxRows, Duration wait) throws InterruptedException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    int limit = maxRows <= 0 ? 100 : maxRows;
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    while (true) {
      try {
        RegistryJob job =
            registry
                .find(jobId)
                .orElseThrow(
                    () -> new IllegalStateException("job " + jobId + " is no longer registered"));
        boolean ended = job.state().isFinal();
        List<String> rows = contiguous(registry.rows(jobId, offset, limit + 1), offset);
        if (ended) {
          cancelled = job.state() == org.sqlflow.server.job.JobState.CANCELLED;
          if (rows.size() > limit) {
            return new LogChunk(offset, rows.subList(0, limit), false, Optional.empty());
          }
          if (rows.isEmpty() && offset > registry.rowCount(jobId)) {
            throw new IllegalArgumentException(
                "row " + (offset + 1) + " is beyond the end of job " + jobId + "'s log");
          }
          return new LogChunk(offset, rows, true, job.error());
        }
        if (!rows.isEmpty()) {
          return new LogChunk(
              offset, rows.subList(0, Math.min(limit, rows.size())), false, Optional.empty());
        }
      } catch (SQLException e) {
        throw new IllegalStateException("the job registry cannot be read: " + e.getMessage(), e);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new LogChunk(offset, List.of(), false, Optional.empty());
      }
      Thread.sleep(Math.max(1, Math.min(left, pollEvery.toNanos()) / 1_000_000));
    }
  }

  /** The rows that follow each other from {@code offset}: a later batch may land first. */
  static List<String> contiguous(List<LogRow> rows, long offset) {
    List<String> texts = new ArrayList<>(rows.size());
    long expected = offset;
    for (LogRow row : rows) {
      if (row.row() != expected) {
        break;
      }
      texts.add(row.text());
      expected++;
    }
    return texts;
  }

  @Override
  public boolean wasCancelled() {
    return cancelled;
  }
}
