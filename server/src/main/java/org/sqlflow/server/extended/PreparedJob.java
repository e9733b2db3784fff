package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.sqlflow.server.job.JobWork;

/**
 * A verified statement with its generated program: the log rows already produced ({@code Done
 * verifying}, {@code Done code generation}) and the work the job engine runs.
 *
 * @param followUp for a server that takes the job over while its program runs on a cluster: the
 *     work that follows that program and finishes the job; empty when such a job cannot be finished
 *     by another server
 */
public record PreparedJob(List<String> initialRows, JobWork work, Optional<JobWork> followUp) {
  public PreparedJob {
    initialRows = List.copyOf(initialRows);
    requireNonNull(work, "work");
    requireNonNull(followUp, "followUp");
  }

  /** A job no other server can finish. */
  public PreparedJob(List<String> initialRows, JobWork work) {
    this(initialRows, work, Optional.empty());
  }
}
