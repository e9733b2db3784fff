package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.sqlflow.server.error.JobCancelledException;

/** Runs each program as a child process of the server, its tree killed on cancel. */
public final class LocalProcessBackend implements JobBackend {
  /** What SHOW JOBS says about where a local job runs. */
  public static final String PLACEMENT = "local";

  private final Duration killGrace;

  /**
   * @param killGrace how long a program gets after SIGTERM before SIGKILL
   */
  public LocalProcessBackend(Duration killGrace) {
    this.killGrace = requireNonNull(killGrace, "killGrace");
  }

  @Override
  public void run(Program program, CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException {
    program.placement().accept(PLACEMENT);
    new ProcessRun(program, killGrace).run(cancelRequest);
  }

  @Override
  public String describe() {
    return "jobs run as local processes";
  }
}
