package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.server.error.JobCancelledException;

/** The {@link JobContext} of a running job. */
final class RunningJobContext implements JobContext {
  private final Job job;
  private final Path workDir;
  private final JobBackend backend;

  RunningJobContext(Job job, Path workDir, JobBackend backend) {
    this.job = requireNonNull(job, "job");
    this.workDir = requireNonNull(workDir, "workDir");
    this.backend = requireNonNull(backend, "backend");
  }

  @Override
  public void log(String line) {
    job.append(requireNonNull(line, "line"));
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  /** Runs the program where the backend runs jobs. */
  @Override
  public void runProcess(
      List<String> command, Map<String, String> environment, ExitExplainer explainer)
      throws JobFailedException, JobCancelledException {
    checkCancelled();
    backend.run(program(command, environment, explainer), job.cancelRequest());
  }

  @Override
  public void followProgram(ExitExplainer explainer)
      throws JobFailedException, JobCancelledException {
    FollowedProgram followed =
        job.followed()
            .orElseThrow(
                () -> new IllegalStateException("job " + job.id() + " was not taken over"));
    checkCancelled();
    backend.follow(
        followed.placement(),
        followed.storedRows(),
        program(List.of("follow"), Map.of(), explainer),
        job.cancelRequest());
  }

  private Program program(
      List<String> command, Map<String, String> environment, ExitExplainer explainer) {
    return new Program(
        "job-" + job.id(),
        command,
        environment,
        workDir,
        job::append,
        explainer,
        job::placedAt,
        job.log().size(),
        job::isReleased);
  }

  @Override
  public void checkCancelled() throws JobCancelledException {
    Optional<String> reason = job.cancelReason();
    if (reason.isPresent()) {
      throw new JobCancelledException(reason.get());
    }
  }
}
