package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.server.error.JobCancelledException;

/** The {@link JobContext} of a running job. */
final class RunningJobContext implements JobContext {
  private final Job job;
  private final Path workDir;
  private final Duration killGrace;

  RunningJobContext(Job job, Path workDir, Duration killGrace) {
    this.job = requireNonNull(job, "job");
    this.workDir = requireNonNull(workDir, "workDir");
    this.killGrace = requireNonNull(killGrace, "killGrace");
  }

  @Override
  public void log(String line) {
    job.append(requireNonNull(line, "line"));
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  /** Runs the program with the server's environment plus {@code environment}. */
  @Override
  public void runProcess(
      List<String> command, Map<String, String> environment, ExitExplainer explainer)
      throws JobFailedException, JobCancelledException {
    checkCancelled();
    new ProcessRun(
            "job-" + job.id(), command, environment, workDir, job::append, explainer, killGrace)
        .run(job.cancelRequest());
  }

  @Override
  public void checkCancelled() throws JobCancelledException {
    Optional<String> reason = job.cancelReason();
    if (reason.isPresent()) {
      throw new JobCancelledException(reason.get());
    }
  }
}
