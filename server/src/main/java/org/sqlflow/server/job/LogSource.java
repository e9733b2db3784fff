package org.sqlflow.server.job;

import java.time.Duration;

/** A job's log as a statement reads it: a running job here, or a job kept in a registry. */
public interface LogSource {

  /**
   * Rows from {@code offset}: at once all that exist up to {@code maxRows}; when there are none yet
   * and the job still runs, waits up to {@code wait} for new rows or the end, and may return none.
   *
   * @throws IllegalArgumentException for an offset past the end of an ended log
   * @throws IllegalStateException when the log cannot be read any more
   */
  LogChunk read(long offset, int maxRows, Duration wait) throws InterruptedException;

  /** Whether the job ended CANCELLED (its failure is then reported as a cancel). */
  boolean wasCancelled();
}
