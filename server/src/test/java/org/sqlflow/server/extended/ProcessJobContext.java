package org.sqlflow.server.extended;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.job.ExitExplainer;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobFailedException;

/** A JobContext for tests: runs programs with ProcessBuilder and keeps the log in memory. */
public final class ProcessJobContext implements JobContext {
  private final Path workDir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;

  public ProcessJobContext(Path workDir) throws IOException {
    this.workDir = Files.createDirectories(workDir);
  }

  public List<String> log() {
    return List.copyOf(log);
  }

  public void cancel() {
    cancelled = true;
  }

  @Override
  public void log(String line) {
    log.add(line);
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  @Override
  public void runProcess(
      List<String> command, Map<String, String> environment, ExitExplainer explainer)
      throws JobFailedException, JobCancelledException {
    Path errors = workDir.resolve("stderr.txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(workDir.toFile()).redirectError(errors.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          log.add(line);
        }
      }
      if (process.waitFor() != 0) {
        throw new JobFailedException(
            explainer.causeOf(Files.readString(errors), process.exitValue()));
      }
    } catch (IOException e) {
      throw new JobFailedException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobCancelledException("interrupted");
    }
    checkCancelled();
  }

  @Override
  public void followProgram(ExitExplainer explainer) {
    throw new IllegalStateException("a test job is never taken over");
  }

  @Override
  public void checkCancelled() throws JobCancelledException {
    if (cancelled) {
      throw new JobCancelledException("cancelled");
    }
  }
}
