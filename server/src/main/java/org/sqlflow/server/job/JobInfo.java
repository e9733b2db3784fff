package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of SHOW JOBS. {@code started} is when the statement was submitted; {@code elapsed} runs
 * until the job ends; {@code lastLine} is the last log row, or the failure message of a job that
 * FAILED or was CANCELLED (empty when there is neither); {@code placement} is where its program
 * runs ({@code local:<server>}, {@code ray:<submission id>@<node id>}; empty before it starts).
 */
public record JobInfo(
    long id,
    String connectionId,
    int statementId,
    String statement,
    JobState state,
    Instant started,
    Duration elapsed,
    String lastLine,
    String placement) {

  public JobInfo {
    requireNonNull(connectionId, "connectionId");
    requireNonNull(statement, "statement");
    requireNonNull(state, "state");
    requireNonNull(started, "started");
    requireNonNull(elapsed, "elapsed");
    requireNonNull(lastLine, "lastLine");
    requireNonNull(placement, "placement");
  }
}
