package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteStreamHandler;
import org.apache.commons.exec.ProcessDestroyer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.error.JobCancelledException;

/**
 * One run of a program for a job, the only place the server starts processes. commons-exec starts
 * it in the job's directory (in a process group of its own where possible); each stdout line goes
 * to the job log as it is printed, the stderr tail is kept to explain a failure, and a cancel stops
 * the whole process tree before {@link #run} returns. As commons-exec's stream handler and process
 * destroyer this class also learns the started {@link Process}.
 */
final class ProcessRun implements ExecuteStreamHandler, ProcessDestroyer {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessRun.class);
  private static final Duration STREAM_DRAIN = Duration.ofSeconds(2);
  private static final Duration START_WAIT = Duration.ofSeconds(10);

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path workDir;
  private final Consumer<String> stdoutLines;
  private final ExitExplainer explainer;
  private final Duration killGrace;
  private final boolean ownGroup = ProcessTree.groupsSupported();
  private final StderrTail stderr = new StderrTail();
  private final CompletableFuture<Process> started = new CompletableFuture<>();
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private volatile OutputStream processStdin;
  private volatile InputStream processStdout;
  private volatile InputStream processStderr;
  private Thread stdoutPump;
  private Thread stderrPump;

  /**
   * @param program what to run, where, and who receives its lines
   */
  ProcessRun(Program program, Duration killGrace) {
    requireNonNull(program, "program");
    this.name = program.name();
    this.command = program.command();
    this.environment = program.environment();
    this.workDir = program.workDir();
    this.stdoutLines = program.stdoutLines();
    this.explainer = program.explainer();
    this.killGrace = requireNonNull(killGrace, "killGrace");
  }

  /**
   * Runs the program to its end, or until {@code cancelRequest} completes (with the reason).
   *
   * @throws JobFailedException when it exits non-zero or cannot be started
   * @throws JobCancelledException after a cancel, once the process tree is gone
   */
  void run(CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException {
    DefaultExecutor executor =
        DefaultExecutor.builder()
            .setWorkingDirectory(workDir)
            .setExecuteStreamHandler(this)
            .setThreadFactory(runnable -> daemonThread(runnable, name + "-exec"))
            .get();
    executor.setExitValues(null);
    executor.setProcessDestroyer(this);
    try {
      executor.execute(commandLine(), processEnvironment(), resultHandler());
    } catch (IOException e) {
      throw new JobFailedException("cannot start " + programName() + ": " + e.getMessage(), e);
    }
    try {
      CompletableFuture.anyOf(exited, cancelRequest).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopTree();
      throw new JobCancelledException("interrupted");
    } catch (ExecutionException e) {
      // The program could not be started; handled below.
    }
    if (cancelRequest.isDone()) {
      stopTree();
      throw new JobCancelledException(cancelRequest.getNow("cancelled"));
    }
    int status;
    try {
      status = exited.get();
    } catch (ExecutionException e) {
      throw new JobFailedException(
          "cannot start " + programName() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobCancelledException("interrupted");
    }
    if (status != 0) {
      String errors = stderr.text();
      LOG.warn("{}: {} exited with status {}; stderr:\n{}", name, programName(), status, errors);
      throw new JobFailedException(explainer.causeOf(errors, status));
    }
  }

  /** Stops every process of the tree and waits for commons-exec to finish with the streams. */
  private void stopTree() {
    Process process;
    try {
      CompletableFuture.anyOf(started, exited).get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      process = started.getNow(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process = started.getNow(null);
    } catch (ExecutionException | TimeoutException e) {
      process = started.getNow(null);
    }
    if (process == null) {
      return; // never started
    }
    Set<ProcessHandle> left = new ProcessTree(process.pid(), ownGroup).terminate(killGrace);
    if (!left.isEmpty()) {
      LOG.error("{}: processes still running after SIGKILL: {}", name, left);
    }
    try {
      exited.get(STREAM_DRAIN.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("{}: {} did not report its end after being stopped", name, programName());
    }
  }

  private CommandLine commandLine() {
    List<String> full = ProcessTree.inOwnGroup(command);
    CommandLine line = new CommandLine(full.get(0));
    for (String argument : full.subList(1, full.size())) {
      line.addArgument(argument, false);
    }
    return line;
  }

  private Map<String, String> processEnvironment() {
    Map<String, String> merged = new HashMap<>(System.getenv());
    merged.putAll(environment);
    return merged;
  }

  private ExecuteResultHandler resultHandler() {
    return new ExecuteResultHandler() {
      @Override
      public void onProcessComplete(int exitValue) {
        exited.complete(exitValue);
      }

      @Override
      public void onProcessFailed(ExecuteException e) {
        exited.completeExceptionally(e);
      }
    };
  }

  private String programName() {
    return Path.of(command.get(0)).getFileName().toString();
  }

  // ExecuteStreamHandler: commons-exec hands over the process streams, then calls start/stop.

  @Override
  public void setProcessInputStream(OutputStream stdin) {
    processStdin = stdin;
  }

  @Override
  public void setProcessOutputStream(InputStream stdout) {
    processStdout = stdout;
  }

  @Override
  public void setProcessErrorStream(InputStream errors) {
    processStderr = errors;
  }

  @Override
  public void start() throws IOException {
    processStdin.close(); // jobs get no input
    LineSplitter lines = new LineSplitter(stdoutLines);
    stdoutPump = daemonThread(() -> pump(() -> lines.pump(processStdout)), name + "-stdout");
    stderrPump = daemonThread(() -> pump(() -> stderr.pump(processStderr)), name + "-stderr");
    stdoutPump.start();
    stderrPump.start();
  }

  /** Called once the program exited: ends what it left running, then drains its output. */
  @Override
  public void stop() {
    Process process = started.getNow(null);
    if (process != null) {
      ProcessTree tree = new ProcessTree(process.pid(), ownGroup);
      if (!tree.members().isEmpty()) {
        LOG.warn("{}: {} exited leaving processes behind; stopping them", name, programName());
        tree.terminate(Duration.ZERO);
      }
    }
    drain(stdoutPump, processStdout);
    drain(stderrPump, processStderr);
  }

  private void drain(Thread pump, InputStream stream) {
    if (pump == null) {
      return;
    }
    try {
      pump.join(STREAM_DRAIN.toMillis());
      if (pump.isAlive()) {
        // Something outside the tree still holds the pipe open: stop reading it.
        LOG.warn("{}: output still open {} after exit; closing it", name, STREAM_DRAIN);
        stream.close();
        pump.join(STREAM_DRAIN.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("{}: cannot close program output", name, e);
    }
  }

  // ProcessDestroyer: commons-exec registers the process right after starting it.

  @Override
  public boolean add(Process process) {
    return started.complete(process);
  }

  @Override
  public boolean remove(Process process) {
    return true;
  }

  @Override
  public int size() {
    return started.isDone() && !exited.isDone() ? 1 : 0;
  }

  private interface StreamPump {
    void run() throws IOException;
  }

  private void pump(StreamPump pump) {
    try {
      pump.run();
    } catch (IOException e) {
      // The stream is closed when the program is stopped; nothing more to read.
      LOG.debug("{}: program output closed: {}", name, e.toString());
    }
  }

  private static Thread daemonThread(Runnable runnable, String threadName) {
    Thread thread = new Thread(runnable, threadName);
    thread.setDaemon(true);
    return thread;
  }
}
