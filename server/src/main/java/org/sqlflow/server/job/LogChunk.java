package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Log rows {@code [offset, offset + rows.size())} of a job. {@code done} means the job has ended
 * and these are its last rows; {@code failure} is then present when it FAILED or was CANCELLED,
 * with the message the client should see.
 */
public record LogChunk(long offset, List<String> rows, boolean done, Optional<String> failure) {

  public LogChunk {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    rows = List.copyOf(rows);
    requireNonNull(failure, "failure");
    if (failure.isPresent() && !done) {
      throw new IllegalArgumentException("a failure is only reported with the last rows");
    }
  }
}
