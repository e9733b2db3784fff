package org.sqlflow.server.job.ray;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.job.JobBackend;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.job.Program;
import org.sqlflow.server.job.ProgramReleasedException;

/**
 * Runs each program as a Ray job through the cluster's Jobs API. The job directory and the runtime
 * package travel as the job's runtime_env working directory (uploaded as a package: the cluster
 * shares no file system with the server); the program runs under the runtime's {@code ray_job}
 * wrapper, whose framed log lines carry its stdout (the job's log rows, read as the log grows), its
 * stderr and, at the end, the files it wrote, which are unpacked into the job directory as if the
 * program had run here. A cancel stops the Ray job and waits until the cluster reports it stopped;
 * an ended job is deleted from the cluster once its log is read. The job's metadata says how to
 * read its log, so a server that takes the job over follows it by its placement alone.
 */
public final class RayBackend implements JobBackend {
  private static final Logger LOG = LoggerFactory.getLogger(RayBackend.class);

  /** The interpreter on the cluster's nodes: theirs, not the server's {@code --python}. */
  private static final String CLUSTER_PYTHON = "python";

  private static final String WRAPPER = "sqlflow_runtime.ray_job";
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /** Where a job runs, as SHOW JOBS and the job registry name it: {@code ray:<submission id>}. */
  private static final String PLACEMENT_PREFIX = "ray:";

  /** Metadata a later server follows the job by: its log's marker, the row of its first line. */
  private static final String MARKER = "sqlflow_marker";

  private static final String FIRST_ROW = "sqlflow_first_row";

  private final RayJobsApi api;
  private final Path runtimeDir;
  private final Duration pollInterval;
  private final double entrypointCpus;
  private final String serverInstance;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param runtimeDir the directory holding the {@code sqlflow_runtime} package, shipped with every
   *     job
   * @param pollInterval how often the job's status and log are read while it runs
   * @param entrypointCpus CPUs the cluster reserves for each job's program
   */
  public RayBackend(RayJobsApi api, Path runtimeDir, Duration pollInterval, double entrypointCpus) {
    this.api = requireNonNull(api, "api");
    this.runtimeDir = requireNonNull(runtimeDir, "runtimeDir");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval");
    this.entrypointCpus = entrypointCpus;
    // Job names stay unique across server restarts against one cluster.
    this.serverInstance = randomHex(4);
  }

  @Override
  public String describe() {
    return "jobs run on the Ray cluster at " + api.address();
  }

  /** The submission id a program's Ray job gets: {@code sqlflow-<server>-<program name>}. */
  String submissionId(Program program) {
    return "sqlflow-" + serverInstance + "-" + program.name();
  }

  @Override
  public void run(Program program, CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException {
    String submissionId = submissionId(program);
    String marker = "@" + randomHex(8) + "@";
    try {
      WorkingDirPackage files = WorkingDirPackage.of(List.of(program.workDir(), runtimeDir));
      checkCancelled(cancelRequest);
      if (!api.hasPackage(files.name())) {
        api.uploadPackage(files.name(), files.bytes());
      }
      checkCancelled(cancelRequest);
      api.submit(
          new RaySubmission(
              submissionId,
              entrypoint(marker, program.command()),
              files.name(),
              clusterEnvironment(program.environment()),
              entrypointCpus,
              Map.of(
                  "sqlflow_job",
                  program.name(),
                  MARKER,
                  marker,
                  FIRST_ROW,
                  Long.toString(program.firstRow()))));
      program.placement().accept(PLACEMENT_PREFIX + submissionId);
      LOG.info(
          "{}: submitted as Ray job {} ({} bytes of files)",
          program.name(),
          submissionId,
          files.bytes().length);
    } catch (IOException e) {
      throw new JobFailedException("cannot start the job on Ray: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobCancelledException("interrupted");
    }
    watchToTheEnd(
        program, submissionId, new FramedLog(marker, program.stdoutLines()), cancelRequest);
  }

  @Override
  public boolean outlivesServer(String placement) {
    return placement.startsWith(PLACEMENT_PREFIX);
  }

  /**
   * Follows a Ray job an earlier server submitted: its marker and the log row its first stdout line
   * became are in the job's metadata, so the stdout lines the earlier server stored are skipped. A
   * job that ended meanwhile is read to its end at once.
   */
  @Override
  public void follow(
      String placement, long storedRows, Program program, CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException {
    String submissionId = submissionIdOf(placement);
    RayJobStatus status;
    try {
      status =
          api.fetchStatus(submissionId)
              .orElseThrow(
                  () ->
                      new JobFailedException(
                          "the Ray job " + submissionId + " is no longer on the cluster"));
    } catch (IOException e) {
      throw new JobFailedException(
          "cannot find the Ray job " + submissionId + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobCancelledException("interrupted");
    }
    String marker = status.metadata().get(MARKER);
    long firstRow = parseRow(status.metadata().get(FIRST_ROW));
    if (marker == null || firstRow < 0 || storedRows < firstRow) {
      stopQuietly(submissionId);
      forget(submissionId);
      throw new JobFailedException(
          "the Ray job " + submissionId + " cannot be followed: its log cannot be matched");
    }
    LOG.info(
        "{}: following Ray job {} from its stdout line {}",
        program.name(),
        submissionId,
        storedRows - firstRow);
    watchToTheEnd(
        program,
        submissionId,
        new FramedLog(marker, program.stdoutLines(), storedRows - firstRow),
        cancelRequest);
  }

  @Override
  public void abandon(String placement) {
    String submissionId = submissionIdOf(placement);
    stopQuietly(submissionId);
    forget(submissionId);
  }

  /** The submission id in a placement {@code ray:<submission id>[@<node id>]}. */
  static String submissionIdOf(String placement) {
    if (!placement.startsWith(PLACEMENT_PREFIX)) {
      throw new IllegalArgumentException("not a Ray job's placement: " + placement);
    }
    String rest = placement.substring(PLACEMENT_PREFIX.length());
    int at = rest.indexOf('@');
    return at < 0 ? rest : rest.substring(0, at);
  }

  private static long parseRow(String text) {
    try {
      return text == null ? -1 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void watchToTheEnd(
      Program program, String submissionId, FramedLog log, CompletableFuture<String> cancelRequest)
      throws JobFailedException, JobCancelledException {
    try {
      RayJobStatus status = follow(program, submissionId, log, cancelRequest);
      finish(program, status, log);
    } finally {
      forget(submissionId);
    }
  }

  /** Reads status and log until the job ends; on a cancel, stops it and waits for that. */
  private RayJobStatus follow(
      Program program, String submissionId, FramedLog log, CompletableFuture<String> cancel)
      throws JobFailedException, JobCancelledException {
    boolean placed = false;
    try {
      while (true) {
        if (program.released().getAsBoolean()) {
          // Not stopped: a server that starts later takes the job over.
          throw new ProgramReleasedException("the server stopped following it");
        }
        if (cancel.isDone()) {
          stop(submissionId);
          throw new JobCancelledException(cancel.getNow("cancelled"));
        }
        RayJobStatus status =
            api.fetchStatus(submissionId)
                .orElseThrow(
                    () -> new JobFailedException("the Ray job " + submissionId + " disappeared"));
        if (!placed && !status.driverNodeId().isEmpty()) {
          placed = true;
          program.placement().accept(PLACEMENT_PREFIX + submissionId + "@" + status.driverNodeId());
        }
        log.update(api.fetchLog(submissionId));
        if (status.isTerminal()) {
          return status;
        }
        try {
          cancel.get(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // No cancel within the interval: read again.
        }
      }
    } catch (IOException e) {
      stopQuietly(submissionId);
      throw new JobFailedException("lost the Ray job " + submissionId + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(submissionId);
      throw new JobCancelledException("interrupted");
    }
  }

  private void finish(Program program, RayJobStatus status, FramedLog log)
      throws JobFailedException {
    Optional<Integer> exit = log.exitStatus();
    if (status.status().equals("SUCCEEDED") && exit.isPresent() && exit.get() == 0) {
      try {
        WorkingDirPackage.extract(log.outputs(), program.workDir());
      } catch (IOException | IllegalArgumentException e) {
        throw new JobFailedException("cannot read the Ray job's outputs: " + e.getMessage(), e);
      }
      return;
    }
    if (exit.isPresent()) {
      throw new JobFailedException(program.explainer().causeOf(log.stderr(), exit.get()));
    }
    // The program never ran (e.g. the runtime environment could not be set up): Ray says why.
    String message = status.message().strip().lines().findFirst().orElse(status.status());
    throw new JobFailedException(
        "the Ray job " + status.status().toLowerCase(java.util.Locale.ROOT) + ": " + message);
  }

  /** Stops the job and waits until the cluster reports it ended. */
  private void stop(String submissionId) throws IOException, InterruptedException {
    api.stop(submissionId);
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<RayJobStatus> status = api.fetchStatus(submissionId);
      if (status.isEmpty() || status.get().isTerminal()) {
        return;
      }
      Thread.sleep(pollInterval.toMillis());
    }
    LOG.warn("Ray job {} did not stop within {}", submissionId, STOP_WAIT);
  }

  private void stopQuietly(String submissionId) {
    try {
      stop(submissionId);
    } catch (IOException e) {
      LOG.warn("cannot stop Ray job {}: {}", submissionId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes an ended job from the cluster: its log was read, the server keeps the rows. */
  private void forget(String submissionId) {
    try {
      Optional<RayJobStatus> status = api.fetchStatus(submissionId);
      if (status.isPresent() && status.get().isTerminal()) {
        api.delete(submissionId);
      }
    } catch (IOException e) {
      LOG.warn("cannot delete Ray job {}: {}", submissionId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void checkCancelled(CompletableFuture<String> cancel)
      throws JobCancelledException {
    if (cancel.isDone()) {
      throw new JobCancelledException(cancel.getNow("cancelled"));
    }
  }

  /**
   * {@code python -u -m sqlflow_runtime.ray_job MARKER python <arguments>}: the wrapper runs the
   * program with the cluster's interpreter (the server's path means nothing there).
   */
  static String entrypoint(String marker, List<String> command) {
    List<String> words = new ArrayList<>(List.of(CLUSTER_PYTHON, "-u", "-m", WRAPPER, marker));
    words.add(CLUSTER_PYTHON);
    words.addAll(command.subList(1, command.size()));
    return String.join(" ", words.stream().map(RayBackend::shellQuote).toList());
  }

  /**
   * The program's variables minus PYTHONPATH: it names the server's runtime directory, while on the
   * cluster the runtime is in the working directory, which Ray puts on the path.
   */
  static Map<String, String> clusterEnvironment(Map<String, String> environment) {
    Map<String, String> variables = new LinkedHashMap<>(environment);
    variables.remove("PYTHONPATH");
    return variables;
  }

  private static String shellQuote(String word) {
    if (word.matches("[A-Za-z0-9@%+=:,./_-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  private String randomHex(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
