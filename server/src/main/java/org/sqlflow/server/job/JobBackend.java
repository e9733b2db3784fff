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

  /**
   * Whether a program this backend started outlives the server, so that a later server can follow
   * it by the placement it reported ({@link #follow}).
   */
  default boolean outlivesServer(String placement) {
    return false;
  }

  /**
   * Follows, as {@link #run} would, a program that an earlier server started and reported at {@code
   * placement}: the log rows it printed from row {@code storedRows} of the job's log on (rows
   * before were stored by that server), then its outputs in {@code program.workDir()}. Only the
   * program's name, work directory, line and placement receivers and explainer are used.
   *
   * @throws JobFailedException when the program failed or is gone
   */
  default void follow(
      String placement, long storedRows, Program program, CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException {
    throw new JobFailedException("a job at " + placement + " cannot be followed after a restart");
  }

  /** Stops a program an earlier server started, when no server can finish its job. */
  default void abandon(String placement) {}

  /** Says where jobs run, for the server's start-up log. */
  String describe();
}
