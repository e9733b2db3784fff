package org.sqlflow.server.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sqlflow.server.error.JobCancelledException;

/** What a running job's work may use: its log, its own directory and one way to run a program. */
public interface JobContext {

  /** Appends one log row; the client's {@code next()} sees it as soon as it fetches. */
  void log(String line);

  /** The job's own working directory; created before the work runs, removed after it ends. */
  Path workDir();

  /**
   * Runs a program in {@link #workDir()}; each line it prints on stdout becomes a log row as it is
   * printed. Returns when the program exits with status 0.
   *
   * @param environment added to (and overriding) the server's own environment
   * @param explainer turns the failed program's stderr into the failure's one-line cause
   * @throws JobFailedException when it exits non-zero; the message is the concise cause from {@code
   *     explainer}, never the program text
   * @throws JobCancelledException when the job is cancelled while the program runs; the whole
   *     process tree is gone before this is thrown
   */
  void runProcess(List<String> command, Map<String, String> environment, ExitExplainer explainer)
      throws JobFailedException, JobCancelledException;

  /** {@link #runProcess(List, Map, ExitExplainer)} of a program whose last stderr line says why. */
  default void runProcess(List<String> command, Map<String, String> environment)
      throws JobFailedException, JobCancelledException {
    runProcess(command, environment, ExitExplainer.LAST_LINE);
  }

  /**
   * For a job this server took over from one that stopped: follows the program that server started
   * (its log rows go on after the stored ones) to its end, as {@link #runProcess} would have run
   * it; its outputs are in {@link #workDir()} when this returns.
   *
   * @throws IllegalStateException when the job was not taken over
   */
  void followProgram(ExitExplainer explainer) throws JobFailedException, JobCancelledException;

  /** Throws if the job was cancelled: long Java-side steps call this between batches. */
  void checkCancelled() throws JobCancelledException;
}
