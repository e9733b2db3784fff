package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.job.JobManager;

/**
 * This server's round in the registry, every {@code poll}: its heartbeat; the KILL JOBs other
 * servers asked of its jobs; failing the jobs of servers that stopped beating, or taking them over
 * when their programs run on; and removing jobs ended longer ago than the retention.
 */
final class RegistryPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryPoller.class);

  private final JobRegistry registry;
  private final JobManager jobs;
  private final long serverId;
  private final RegistrySettings settings;
  private final JobTakeOver takeOver;
  private final ScheduledExecutorService timer;

  RegistryPoller(
      JobRegistry registry,
      JobManager jobs,
      long serverId,
      RegistrySettings settings,
      JobTakeOver takeOver) {
    this.registry = requireNonNull(registry, "registry");
    this.takeOver = requireNonNull(takeOver, "takeOver");
    this.jobs = requireNonNull(jobs, "jobs");
    this.serverId = serverId;
    this.settings = requireNonNull(settings, "settings");
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sqlflow-registry-poller");
              thread.setDaemon(true);
              return thread;
            });
    long period = settings.poll().toMillis();
    timer.scheduleWithFixedDelay(this::round, period, period, TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      long now = System.currentTimeMillis();
      registry.heartbeat(serverId, now);
      for (Map.Entry<Long, String> request : registry.killRequests(serverId).entrySet()) {
        if (jobs.kill(request.getKey(), request.getValue())) {
          LOG.info(
              "job {} killed at the registry's request: {}", request.getKey(), request.getValue());
        }
      }
      tidy(registry, settings, now);
      int taken = takeOver.takeOverOrphans(now);
      if (taken > 0) {
        LOG.info("took over {} jobs of servers that stopped", taken);
      }
    } catch (SQLException | RuntimeException e) {
      // A failing round must not end the scheduled task; the next one tries again.
      LOG.warn("job registry round failed: {}", e.toString());
    }
  }

  /** Fails the jobs of silent servers and removes jobs past the retention. */
  static void tidy(JobRegistry registry, RegistrySettings settings, long now) throws SQLException {
    int failed = registry.failJobsOfStaleServers(now - settings.staleAfter().toMillis(), now);
    if (failed > 0) {
      LOG.info("{} jobs of servers that stopped failed: {}", failed, JobRegistry.SERVER_STOPPED);
    }
    int removed = registry.removeEndedBefore(now - settings.retention().toMillis());
    if (removed > 0) {
      LOG.info("removed {} jobs that ended more than {} ago", removed, settings.retention());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
