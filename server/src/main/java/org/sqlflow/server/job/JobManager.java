package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs, at most {@code maxConcurrentJobs} at a time (the rest wait in submit order), and keeps
 * them findable by statement and by id. A job is forgotten (its log discarded) when its statement
 * or connection closes, when a new job replaces it on the same statement, or when it has ended and
 * nobody read it for {@code retention}. A watchdog cancels jobs whose log nobody read for {@code
 * idleTimeout}: the client went away. A detached job (SUBMIT) belongs to no statement: closing
 * statements and connections and the idle rule leave it running; KILL JOB and shutdown stop it.
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

  private final JobConfig config;
  private final LongSupplier ids;
  private final JobBackend backend;
  private final ScheduledExecutorService watchdog;

  // Guarded by this.
  private final Map<StatementKey, Job> byStatement = new HashMap<>();
  private final Map<Long, Job> byId = new TreeMap<>();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int running;
  private boolean closed;

  private record StatementKey(String connectionId, int statementId) {}

  private record Pending(Job job, JobWork work) {}

  /** Jobs run as local processes. */
  public JobManager(JobConfig config) {
    this(
        config,
        new AtomicLong()::incrementAndGet,
        new LocalProcessBackend(config.killGrace(), "this server"));
  }

  /**
   * A job manager whose job ids come from {@code ids}, e.g. a sequence that several servers share
   * so that an id names one job everywhere, and whose jobs run on {@code backend}.
   */
  public JobManager(JobConfig config, LongSupplier ids, JobBackend backend) {
    this.config = requireNonNull(config, "config");
    this.ids = requireNonNull(ids, "ids");
    this.backend = requireNonNull(backend, "backend");
    try {
      Files.createDirectories(config.workRoot());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create job directory " + config.workRoot(), e);
    }
    watchdog =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sqlflow-job-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    long period = sweepPeriod(config).toMillis();
    watchdog.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Registers a job under the statement, replacing (and stopping) the job it had before, logs
   * {@code initialRows} at once and starts {@code work} when a slot is free.
   */
  public Job submit(
      String connectionId,
      int statementId,
      String statement,
      List<String> initialRows,
      JobWork work) {
    requireNonNull(connectionId, "connectionId");
    requireNonNull(statement, "statement");
    List<String> rows = List.copyOf(initialRows);
    requireNonNull(work, "work");
    long id = newJobId();
    Job job;
    Job replaced;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the job manager is closed");
      }
      job = new Job(id, connectionId, statementId, statement, newLog(id));
      rows.forEach(job::append);
      replaced = byStatement.put(new StatementKey(connectionId, statementId), job);
      if (replaced != null) {
        byId.remove(replaced.id());
      }
      byId.put(id, job);
    }
    if (replaced != null) {
      forget(replaced, "replaced by a new statement");
    }
    admit(job, work);
    return job;
  }

  /** A fresh job id, for a job that is registered elsewhere before {@link #submitDetached}. */
  public long newJobId() {
    return ids.getAsLong();
  }

  /**
   * Starts a detached job (SUBMIT) under {@code id}, from {@link #newJobId()}: it belongs to no
   * statement, so only KILL JOB and shutdown stop it, and {@code listener} hears its rows, {@code
   * initialRows} first.
   */
  public Job submitDetached(
      long id,
      String connectionId,
      String statement,
      List<String> initialRows,
      JobWork work,
      JobListener listener) {
    List<String> rows = List.copyOf(initialRows);
    requireNonNull(work, "work");
    Job job = new Job(id, connectionId, -1, statement, newLog(id), true, listener);
    return startDetached(job, rows, work);
  }

  /**
   * Takes over a detached job whose server stopped while its program ran on, at {@code
   * followed.placement()}: the job gets the id, statement and submit time it had, its log starts
   * with the {@code storedRows} that server stored, and {@code work} follows the program ({@link
   * JobContext#followProgram}) and finishes the job. It starts at once, whatever the job limit: its
   * program already runs.
   */
  public Job takeOver(
      long id,
      String connectionId,
      String statement,
      Instant submitted,
      List<String> storedRows,
      String placement,
      JobWork work,
      JobListener listener) {
    List<String> rows = List.copyOf(storedRows);
    requireNonNull(work, "work");
    Job job =
        new Job(
            id,
            connectionId,
            statement,
            newLog(id),
            listener,
            submitted,
            new FollowedProgram(placement, rows.size()));
    return startDetached(job, rows, work);
  }

  private JobLog newLog(long id) {
    return new JobLog(config.memoryRows(), config.workRoot(), "job-" + id + "-log-");
  }

  /** Registers a job that belongs to no statement, logs its first rows and admits it. */
  private Job startDetached(Job job, List<String> rows, JobWork work) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the job manager is closed");
      }
      byId.put(job.id(), job);
    }
    rows.forEach(job::append);
    admit(job, work);
    return job;
  }

  /** Stops a program an earlier server started, for a job nobody can finish. */
  public void abandon(String placement) {
    backend.abandon(placement);
  }

  /** Whether a program that runs at {@code placement} lives on when its server stops. */
  public boolean outlivesServer(String placement) {
    return backend.outlivesServer(placement);
  }

  public synchronized Optional<Job> find(String connectionId, int statementId) {
    return Optional.ofNullable(byStatement.get(new StatementKey(connectionId, statementId)));
  }

  public synchronized Optional<Job> find(long jobId) {
    return Optional.ofNullable(byId.get(jobId));
  }

  /** Every job still known, oldest first: for SHOW JOBS. */
  public List<JobInfo> list() {
    List<Job> jobs;
    synchronized (this) {
      jobs = new ArrayList<>(byId.values());
    }
    return jobs.stream().map(Job::info).toList();
  }

  /**
   * KILL JOB: cancels the job, which stays listed as CANCELLED and tells its reader why. Returns
   * false when there is no such job or it had already ended.
   */
  public boolean kill(long jobId, String reason) {
    return find(jobId).map(job -> job.requestCancel(reason)).orElse(false);
  }

  /** Stops the statement's job if it runs and forgets it. */
  public void closeStatement(String connectionId, int statementId) {
    Job job;
    synchronized (this) {
      job = byStatement.remove(new StatementKey(connectionId, statementId));
      if (job != null) {
        byId.remove(job.id());
      }
    }
    if (job != null) {
      forget(job, "statement closed");
    }
  }

  /** Stops the connection's jobs that run and forgets all of them. */
  public void closeConnection(String connectionId) {
    List<Job> jobs = new ArrayList<>();
    synchronized (this) {
      byStatement
          .entrySet()
          .removeIf(
              entry -> {
                if (entry.getKey().connectionId().equals(connectionId)) {
                  jobs.add(entry.getValue());
                  byId.remove(entry.getValue().id());
                  return true;
                }
                return false;
              });
    }
    jobs.forEach(job -> forget(job, "connection closed"));
  }

  /**
   * Server shutdown: cancels every job and waits (a few seconds at most) for them to end; detached
   * jobs whose programs run on without the server (on a cluster) are left running there for a later
   * server to take over.
   */
  @Override
  public void close() {
    List<Job> jobs;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      jobs = new ArrayList<>(byId.values());
      byId.clear();
      byStatement.clear();
      waiting.clear();
    }
    watchdog.shutdownNow();
    for (Job job : jobs) {
      if (job.isDetached() && backend.outlivesServer(job.placement())) {
        job.release();
      } else {
        job.requestCancel("server is shutting down");
      }
    }
    long deadline = System.nanoTime() + config.killGrace().plus(SHUTDOWN_WAIT).toNanos();
    try {
      for (Job job : jobs) {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!job.awaitEnd(Duration.ofNanos(left))) {
          LOG.warn("job {} did not end before shutdown", job.id());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    jobs.forEach(Job::discard);
  }

  private synchronized void admit(Job job, JobWork work) {
    if (closed) {
      job.requestCancel("server is shutting down");
      return;
    }
    if (running < config.maxConcurrentJobs() || job.followed().isPresent()) {
      running++;
      start(job, work);
    } else {
      waiting.add(new Pending(job, work));
      job.append(
          String.format(
              Locale.ROOT,
              "Waiting for a job slot: %d jobs running (limit %d)",
              running,
              config.maxConcurrentJobs()));
    }
  }

  private void start(Job job, JobWork work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                job.execute(work, config.workRoot(), backend);
              } finally {
                slotFreed();
              }
            },
            "sqlflow-job-" + job.id());
    thread.setDaemon(true);
    thread.start();
  }

  private synchronized void slotFreed() {
    running--;
    while (running < config.maxConcurrentJobs() && !waiting.isEmpty()) {
      Pending next = waiting.poll();
      if (next.job().isQueued()) {
        running++;
        start(next.job(), next.work());
      }
    }
  }

  private void forget(Job job, String reason) {
    job.requestCancel(reason);
    job.discard();
  }

  /** The watchdog: cancels jobs nobody reads, forgets ended jobs nobody reads. */
  private void sweep() {
    try {
      List<Job> jobs;
      synchronized (this) {
        jobs = new ArrayList<>(byId.values());
        waiting.removeIf(pending -> pending.job().hasEnded());
      }
      for (Job job : jobs) {
        if (!job.hasEnded() && !job.isDetached() && job.unreadFor(config.idleTimeout())) {
          job.requestCancel(
              "client went away (no fetch for " + describe(config.idleTimeout()) + ")");
        } else if (job.endedAndUnreadFor(config.retention())) {
          boolean removed;
          synchronized (this) {
            removed = byId.remove(job.id(), job);
            byStatement.values().remove(job);
          }
          if (removed) {
            job.discard();
          }
        }
      }
    } catch (RuntimeException e) {
      // A failing sweep must not end the scheduled task.
      LOG.error("job watchdog sweep failed", e);
    }
  }

  private static Duration sweepPeriod(JobConfig config) {
    Duration shortest =
        config.idleTimeout().compareTo(config.retention()) < 0
            ? config.idleTimeout()
            : config.retention();
    long millis = shortest.toMillis() / 4;
    return Duration.ofMillis(Math.max(10, Math.min(5_000, millis)));
  }

  private static String describe(Duration duration) {
    if (duration.toSeconds() >= 60 && duration.toSeconds() % 60 == 0) {
      return duration.toMinutes() + " min";
    }
    if (duration.toMillis() >= 1000 && duration.toMillis() % 1000 == 0) {
      return duration.toSeconds() + " s";
    }
    return duration.toMillis() + " ms";
  }
}
