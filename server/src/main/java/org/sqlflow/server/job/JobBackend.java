package org.sqlflow.server.job;

import java.util.concurrent.CompletableFuture;
import org.sqlflow.server.error.JobCancelledException;

/**
 * Where a job's programs run: a child process of the server ({@link LocalProcessBackend}) or a
 * cluster. Every backend gives the same behaviour: stdout lines become log rows as they are
 * printed, the files the program writes in its directory are there when {@link #run} returns, a
 * failure says why in one line, and a cancel stops the program wherever it runs.
 */
public interface JobBackend {

  /**
   * Runs {@code program} to its end, or until {@code cancelRequest} completes (with the reason).
   *
   * @throws JobFailedException when it fails or cannot be started; the message is the concise cause
   * @throws JobCancelledException after a cancel, once the program is stopped
   */
  void run(Program program, CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException;

  /** Says where jobs run, for the server's start-up log. */
  String describe();
}
