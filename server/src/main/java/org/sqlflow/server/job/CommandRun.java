package org.sqlflow.server.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A short command run to completion, for checks at start (not jobs: those are {@link ProcessRun}s
 * with a log, cancel and tree kill). Kept here because only the job layer starts processes.
 *
 * @param exitCode the command's exit status
 * @param output its standard output and error, interleaved
 */
public record CommandRun(int exitCode, String output) {

  /**
   * Runs {@code command} with nothing on its standard input.
   *
   * @throws IOException when the command cannot be started
   * @throws TimeoutException when it does not end within {@code timeout} (it is then killed)
   */
  public static CommandRun of(List<String> command, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new TimeoutException(
          command.get(0) + " did not end within " + timeout.toSeconds() + " s");
    }
    return new CommandRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
