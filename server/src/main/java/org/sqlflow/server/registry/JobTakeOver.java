package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.job.JobListener;
import org.sqlflow.server.job.JobManager;
import org.sqlflow.server.job.JobState;
import org.sqlflow.server.job.JobWork;

/**
 * Takes over the jobs of servers that stopped (an earlier life of this server, or a server whose
 * heartbeat went stale) whose programs run on without them, on a cluster: the registry row is
 * claimed by a conditional update (one server wins), the statement is prepared again, and the job
 * runs here from the log row after the last stored one until its program ends, then finishes as its
 * own server would have. A job that cannot be prepared again fails and its program is stopped.
 */
final class JobTakeOver {
  private static final Logger LOG = LoggerFactory.getLogger(JobTakeOver.class);

  private final JobRegistry registry;
  private final JobManager jobs;
  private final long serverId;
  private final RegistrySettings settings;
  private final JobResumer resumer;
  private final JobListener writer;
  private final Map<Long, String> owners;

  /**
   * @param writer where the taken-over jobs' new rows and states go, as for SUBMITted jobs
   * @param owners receives the account of each job taken over (SHOW JOBS, KILL JOB, SHOW JOB LOG)
   */
  JobTakeOver(
      JobRegistry registry,
      JobManager jobs,
      long serverId,
      RegistrySettings settings,
      JobResumer resumer,
      JobListener writer,
      Map<Long, String> owners) {
    this.registry = requireNonNull(registry, "registry");
    this.jobs = requireNonNull(jobs, "jobs");
    this.serverId = serverId;
    this.settings = requireNonNull(settings, "settings");
    this.resumer = requireNonNull(resumer, "resumer");
    this.writer = requireNonNull(writer, "writer");
    this.owners = requireNonNull(owners, "owners");
  }

  /** One round at time {@code now}: returns how many jobs this server took over. */
  int takeOverOrphans(long now) throws SQLException {
    int taken = 0;
    long staleBefore = now - settings.staleAfter().toMillis();
    for (RegistryJob job : registry.orphans(serverId, settings.serverName(), staleBefore)) {
      // Left for a server whose backend can follow it (this one has no Ray cluster).
      if (jobs.outlivesServer(job.backendHandle())
          && registry.claim(job.id(), job.serverId(), serverId)) {
        takeOver(job, now);
        taken++;
      }
    }
    return taken;
  }

  private void takeOver(RegistryJob job, long now) throws SQLException {
    JobWork work;
    try {
      work = resumer.resume(job);
    } catch (SqlflowException | RuntimeException e) {
      String why = JobRegistry.SERVER_STOPPED + "; the job cannot be taken over: " + e.getMessage();
      LOG.info("job {} at {}: {}", job.id(), job.backendHandle(), why);
      jobs.abandon(job.backendHandle());
      registry.changeState(job.id(), JobState.FAILED, Optional.of(why), now);
      return;
    }
    List<String> stored =
        RegistryLogSource.contiguous(registry.rows(job.id(), 0, Integer.MAX_VALUE), 0);
    owners.put(job.id(), job.owner());
    jobs.takeOver(
        job.id(),
        job.connectionId(),
        job.statement(),
        job.created(),
        stored,
        job.backendHandle(),
        work,
        writer);
    LOG.info(
        "job {} taken over from server {}: following {} from log row {}",
        job.id(),
        job.serverId(),
        job.backendHandle(),
        stored.size());
  }
}
