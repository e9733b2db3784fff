package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One program a job runs, as a {@link JobBackend} receives it.
 *
 * @param name names threads, log messages and cluster jobs, e.g. {@code job-3}
 * @param command the program and its arguments, run in {@code workDir}
 * @param environment added to (and overriding) the environment the program would otherwise get
 * @param workDir the job's directory: the program's inputs, and where its outputs must end up
 * @param stdoutLines receives each line the program prints on stdout, as it is printed
 * @param explainer turns the failed program's stderr into the failure's one-line cause
 * @param placement receives where the program runs once that is known: SHOW JOBS shows it, and the
 *     job registry keeps it as the handle a later server follows the program by
 * @param firstRow the row of the job's log that the program's first stdout line becomes
 * @param released whether the server is shutting down and leaves this program running (a backend
 *     whose programs outlive the server then stops following it, {@link ProgramReleasedException})
 */
public record Program(
    String name,
    List<String> command,
    Map<String, String> environment,
    Path workDir,
    Consumer<String> stdoutLines,
    ExitExplainer explainer,
    Consumer<String> placement,
    long firstRow,
    BooleanSupplier released) {

  public Program {
    requireNonNull(name, "name");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the command is empty");
    }
    environment = Map.copyOf(environment);
    requireNonNull(workDir, "workDir");
    requireNonNull(stdoutLines, "stdoutLines");
    requireNonNull(explainer, "explainer");
    requireNonNull(placement, "placement");
    if (firstRow < 0) {
      throw new IllegalArgumentException("firstRow must not be negative: " + firstRow);
    }
    requireNonNull(released, "released");
  }
}
