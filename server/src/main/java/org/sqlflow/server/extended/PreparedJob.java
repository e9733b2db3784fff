package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.sqlflow.server.job.JobWork;

/**
 * A verified statement with its generated program: the log rows already produced ({@code Done
 * verifying}, {@code Done code generation}) and the work the job engine runs.
 */
public record PreparedJob(List<String> initialRows, JobWork work) {
  public PreparedJob {
    initialRows = List.copyOf(initialRows);
    requireNonNull(work, "work");
  }
}
