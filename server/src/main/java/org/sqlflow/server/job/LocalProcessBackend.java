package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.sqlflow.server.error.JobCancelledException;

/** Runs each program as a child process of the server, its tree killed on cancel. */
public final class LocalProcessBackend implements JobBackend {
  private final Duration killGrace;
  private final String placement;

  /**
   * @param killGrace how long a program gets after SIGTERM before SIGKILL
   * @param serverName this server's name, which SHOW JOBS shows as where a local job runs
   */
  public LocalProcessBackend(Duration killGrace, String serverName) {
    this.killGrace = requireNonNull(killGrace, "killGrace");
    this.placement = placementOn(serverName);
  }

  /** Where a local job of the server named {@code serverName} runs, as SHOW JOBS shows it. */
  public static String placementOn(String serverName) {
    return "local:" + requireNonNull(serverName, "serverName");
  }

  @Override
  public void run(Program program, CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException {
    program.placement().accept(placement);
    new ProcessRun(program, killGrace).run(cancelRequest);
  }

  @Override
  public String describe() {
    return "jobs run as local processes";
  }
}
