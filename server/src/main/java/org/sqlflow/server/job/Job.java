package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.error.JobCancelledException;

/**
 * One extended statement's work and its log. Clients read the log with {@link #read}, which a fetch
 * may repeat at any offset; the work runs on a thread of its own once {@link JobManager} gives it a
 * slot.
 */
public final class Job implements LogSource {
  private static final Logger LOG = LoggerFactory.getLogger(Job.class);
  private static final int MAX_MESSAGE_LENGTH = 500;

  private final long id;
  private final String connectionId;
  private final int statementId;
  private final String statement;
  private final Instant submitted;
  private final long submittedNanos;
  private final JobLog log;
  private final boolean detached;
  private final JobListener listener;
  private final CompletableFuture<String> cancelRequest = new CompletableFuture<>();
  private final CompletableFuture<JobState> ended = new CompletableFuture<>();
  private final Optional<FollowedProgram> followed;
  private volatile String placement = "";
  private volatile boolean released;

  // Guarded by this.
  private JobState state = JobState.QUEUED;
  private long endedNanos;
  private String failure;

  Job(long id, String connectionId, int statementId, String statement, JobLog log) {
    this(id, connectionId, statementId, statement, log, false, JobListener.NONE);
  }

  /**
   * A job; a {@code detached} one (SUBMIT) belongs to no statement, is never stopped for want of a
   * reader, and tells {@code listener} what it logs.
   */
  Job(
      long id,
      String connectionId,
      int statementId,
      String statement,
      JobLog log,
      boolean detached,
      JobListener listener) {
    this(id, connectionId, statementId, statement, log, detached, listener, Instant.now(), null);
  }

  /**
   * A detached job this server took over from one that stopped: submitted at {@code submitted}, its
   * work follows the program {@code followed} names.
   */
  Job(
      long id,
      String connectionId,
      String statement,
      JobLog log,
      JobListener listener,
      Instant submitted,
      FollowedProgram followed) {
    this(id, connectionId, -1, statement, log, true, listener, submitted, followed);
  }

  private Job(
      long id,
      String connectionId,
      int statementId,
      String statement,
      JobLog log,
      boolean detached,
      JobListener listener,
      Instant submitted,
      FollowedProgram followed) {
    this.submitted = requireNonNull(submitted, "submitted");
    // Elapsed time counts from the submit, also in a server that took the job over later.
    this.submittedNanos = System.nanoTime() - Duration.between(submitted, Instant.now()).toNanos();
    this.followed = Optional.ofNullable(followed);
    if (followed != null) {
      this.placement = followed.placement();
    }
    this.id = id;
    this.connectionId = requireNonNull(connectionId, "connectionId");
    this.statementId = statementId;
    this.statement = requireNonNull(statement, "statement");
    this.log = requireNonNull(log, "log");
    this.detached = detached;
    this.listener = requireNonNull(listener, "listener");
  }

  /** Whether the job was SUBMITted: it runs on when its statement and connection close. */
  public boolean isDetached() {
    return detached;
  }

  @Override
  public synchronized boolean wasCancelled() {
    return state == JobState.CANCELLED;
  }

  public long id() {
    return id;
  }

  public synchronized JobInfo info() {
    long until = state.isFinal() ? endedNanos : System.nanoTime();
    String lastLine = failure != null ? failure : log.lastRow().orElse("");
    return new JobInfo(
        id,
        connectionId,
        statementId,
        statement,
        state,
        submitted,
        Duration.ofNanos(until - submittedNanos),
        lastLine,
        placement);
  }

  /**
   * Stops the job: a queued job ends at once, a running one as soon as its work notices (a running
   * program is stopped with its whole process tree). Does nothing once it has ended.
   */
  public void cancel(String reason) {
    requestCancel(reason);
  }

  /**
   * Log rows from {@code offset}: at once all that exist up to {@code maxRows} (100 when {@code
   * maxRows <= 0}); when there are none yet and the job still runs, waits up to {@code wait} for
   * the first new row or the end, and may return no rows. The same offset always answers the same
   * rows. Reading counts as the client being present.
   *
   * @throws IllegalArgumentException for a negative offset or one past the end of an ended log
   * @throws IllegalStateException when the job was forgotten (its statement was closed)
   */
  @Override
  public LogChunk read(long offset, int maxRows, Duration wait) throws InterruptedException {
    return log.read(offset, maxRows, wait);
  }

  /** Returns whether this request stopped a job that had not ended yet. */
  boolean requestCancel(String reason) {
    String why = reason == null || reason.isBlank() ? "cancelled" : reason.strip();
    synchronized (this) {
      if (state.isFinal()) {
        return false;
      }
      cancelRequest.complete(why);
      if (state == JobState.QUEUED) {
        finish(JobState.CANCELLED, cancelledMessage(why));
      }
    }
    LOG.info("job {} cancel requested: {}", id, why);
    return true;
  }

  /** Where the job's program runs (local, or a cluster's job and node); empty before it starts. */
  public String placement() {
    return placement;
  }

  void placedAt(String where) {
    placement = requireNonNull(where, "where");
    listener.placed(id, where);
  }

  /**
   * Server shutdown of a detached job whose program runs on without the server: stop following it,
   * and end here without telling the listener, so the job stays unfinished for a later server.
   */
  void release() {
    released = true;
    LOG.info("job {} left running at {}: the server stops following it", id, placement);
  }

  boolean isReleased() {
    return released;
  }

  /** The program an earlier server started, when this job was taken over from it. */
  Optional<FollowedProgram> followed() {
    return followed;
  }

  void append(String row) {
    long number = log.append(row);
    if (number >= 0) {
      listener.appended(id, number, row);
    }
  }

  /** The reason, once a cancel was requested. */
  Optional<String> cancelReason() {
    return Optional.ofNullable(cancelRequest.getNow(null));
  }

  /** Completes with the reason when a cancel is requested; completing the copy does nothing. */
  CompletableFuture<String> cancelRequest() {
    return cancelRequest.copy();
  }

  synchronized boolean hasEnded() {
    return state.isFinal();
  }

  synchronized boolean isQueued() {
    return state == JobState.QUEUED;
  }

  /** Whether nobody read the log for {@code idle}, counting from submit. */
  boolean unreadFor(Duration idle) {
    return log.unreadFor(idle);
  }

  /** Whether the job ended and nobody read its log for {@code quiet} since then. */
  boolean endedAndUnreadFor(Duration quiet) {
    synchronized (this) {
      if (!state.isFinal() || System.nanoTime() - endedNanos < quiet.toNanos()) {
        return false;
      }
    }
    return log.unreadFor(quiet);
  }

  boolean awaitEnd(Duration timeout) throws InterruptedException {
    try {
      ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops the log and its spill file; the job must not be read any more. */
  void discard() {
    log.discard();
  }

  JobLog log() {
    return log;
  }

  /**
   * Runs the work on the calling thread in a fresh directory under {@code workRoot}, which is
   * removed afterwards, and records how it ended. Does nothing if the job was cancelled while it
   * waited.
   */
  void execute(JobWork work, Path workRoot, JobBackend backend) {
    synchronized (this) {
      if (state != JobState.QUEUED) {
        return;
      }
      state = JobState.RUNNING;
    }
    listener.changed(id, JobState.RUNNING, Optional.empty());
    JobState outcome;
    String message = null;
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory(workRoot, "job-" + id + "-");
      JobContext context = new RunningJobContext(this, workDir, backend);
      context.checkCancelled();
      work.run(context);
      outcome = JobState.SUCCEEDED;
    } catch (ProgramReleasedException e) {
      outcome = JobState.CANCELLED;
      message = "Job " + id + " runs on at " + placement + ": " + e.getMessage();
    } catch (JobCancelledException e) {
      outcome = JobState.CANCELLED;
      message = cancelledMessage(e.getMessage());
    } catch (JobFailedException e) {
      outcome = JobState.FAILED;
      message = concise(e.getMessage(), "the job failed");
      LOG.info("job {} failed: {}", id, message, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = JobState.CANCELLED;
      message = cancelledMessage("interrupted");
    } catch (Throwable e) {
      // Whatever the work throws, the job must end, free its slot and tell its reader.
      outcome = JobState.FAILED;
      String detail = e.getMessage();
      message =
          concise(
              e.getClass().getSimpleName() + (detail == null ? "" : ": " + detail),
              e.getClass().getSimpleName());
      LOG.error("job {} failed unexpectedly", id, e);
    } finally {
      if (workDir != null) {
        deleteRecursively(workDir);
      }
    }
    Optional<String> reason = cancelReason();
    if (reason.isPresent()) {
      // A cancel wins over however the interrupted work happened to end.
      outcome = JobState.CANCELLED;
      message = cancelledMessage(reason.get());
    }
    synchronized (this) {
      finish(outcome, message);
    }
  }

  /** Called holding this monitor. */
  private void finish(JobState outcome, String message) {
    if (state.isFinal()) {
      return;
    }
    endedNanos = System.nanoTime();
    if (outcome == JobState.SUCCEEDED) {
      double seconds = (endedNanos - submittedNanos) / 1e9;
      append(LogRows.finished(seconds));
    }
    state = outcome;
    failure = outcome == JobState.SUCCEEDED ? null : message;
    log.end(Optional.ofNullable(failure));
    if (!released) {
      // A released job has not ended: its registry row stays for the server that takes it over.
      listener.changed(id, outcome, Optional.ofNullable(failure));
    }
    ended.complete(outcome);
    LOG.info("job {} {}{}", id, outcome, failure == null ? "" : ": " + failure);
  }

  private String cancelledMessage(String reason) {
    return concise("Job " + id + " was cancelled: " + reason, "Job " + id + " was cancelled");
  }

  /** The first line, shortened; {@code fallback} when there is no text. */
  private static String concise(String text, String fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    String line = text.strip().lines().findFirst().orElse(fallback);
    return line.length() <= MAX_MESSAGE_LENGTH
        ? line
        : line.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }

  private void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(this::deleteQuietly);
    } catch (IOException e) {
      LOG.warn("job {}: cannot remove work directory {}", id, directory, e);
    }
  }

  private void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.warn("job {}: cannot remove {}", id, path, e);
    }
  }
}
