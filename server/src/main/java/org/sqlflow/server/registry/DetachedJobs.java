package org.sqlflow.server.registry;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.job.Job;
import org.sqlflow.server.job.JobInfo;
import org.sqlflow.server.job.JobManager;
import org.sqlflow.server.job.JobState;
import org.sqlflow.server.job.JobStatements;
import org.sqlflow.server.job.JobWork;
import org.sqlflow.server.job.LocalProcessBackend;
import org.sqlflow.server.job.LogSource;

/**
 * SUBMIT, SHOW JOB LOG, and the registry's side of SHOW JOBS and KILL JOB: jobs that outlive their
 * statement, kept in the {@link JobRegistry} so that every server in front of the database sees
 * them. An account sees its own jobs only (the same rule as SHOW JOBS).
 */
public final class DetachedJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DetachedJobs.class);

  /** How often SHOW JOB LOG of another server's job looks for new rows. */
  private static final Duration READ_POLL = Duration.ofMillis(200);

  private final JobRegistry registry;
  private final JobManager jobs;
  private final long serverId;
  private final String serverName;
  private final RegistryLogWriter writer;
  private final RegistryPoller poller;

  /** The owners of the detached jobs this server runs, whose connections may be gone. */
  private final Map<Long, String> localOwners = new ConcurrentHashMap<>();

  private DetachedJobs(
      JobRegistry registry,
      JobManager jobs,
      long serverId,
      RegistrySettings settings,
      JobResumer resumer)
      throws SQLException {
    this.registry = registry;
    this.jobs = jobs;
    this.serverId = serverId;
    this.serverName = settings.serverName();
    this.writer = new RegistryLogWriter(registry, settings.writeEvery());
    JobTakeOver takeOver =
        new JobTakeOver(registry, jobs, serverId, settings, resumer, writer, localOwners);
    // Before the first client: a restarted server's jobs are its own again at once.
    int taken = takeOver.takeOverOrphans(System.currentTimeMillis());
    if (taken > 0) {
      LOG.info("took over {} jobs of servers that stopped", taken);
    }
    this.poller = new RegistryPoller(registry, jobs, serverId, settings, takeOver);
  }

  /**
   * The registry of the jobs behind {@code database}: on MySQL/MariaDB a database of the server's
   * account ({@code settings.schema()}), which client accounts get no grants on; on H2 a database
   * file of its own in {@code dataDir}, which client accounts cannot open at all (on H2 the right
   * to create schemas is a right on every schema).
   */
  public static JobRegistry openRegistry(
      BackingDatabase database, Path dataDir, RegistrySettings settings)
      throws SQLException, SqlflowException {
    if (database.dialect() == SqlDialect.H2) {
      String url =
          "jdbc:h2:file:"
              + dataDir.toAbsolutePath().resolve("job-registry")
              + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
      return JobRegistry.open(
          () -> DriverManager.getConnection(url, "sa", ""), SqlDialect.H2, settings.schema());
    }
    return JobRegistry.open(
        () -> database.open(database.serverCredentials()), SqlDialect.MYSQL, settings.schema());
  }

  /**
   * Joins the registry as a server named {@code settings.serverName()}: fails the jobs a crashed
   * server of that name left, and those of servers that stopped beating, when their programs died
   * with them; takes over those whose programs run on (prepared again by {@code resumer}); then
   * keeps beating.
   */
  public static DetachedJobs start(
      JobRegistry registry, JobManager jobs, RegistrySettings settings, JobResumer resumer)
      throws SQLException {
    long now = System.currentTimeMillis();
    long serverId = registry.registerServer(settings.serverName(), now);
    RegistryPoller.tidy(registry, settings, now);
    LOG.info(
        "job registry {}: this is server {} ({})",
        settings.schema(),
        serverId,
        settings.serverName());
    return new DetachedJobs(registry, jobs, serverId, settings, resumer);
  }

  /**
   * SUBMIT: registers the job, then starts it detached. Returns its id.
   *
   * @param currentDatabase the connection's current database, in which a server that takes the job
   *     over resolves the statement's names again
   * @throws SqlflowException when the registry cannot record it (nothing runs then)
   */
  public long submit(
      String owner,
      String connectionId,
      Optional<String> currentDatabase,
      String statement,
      List<String> initialRows,
      JobWork work)
      throws SqlflowException {
    long id = jobs.newJobId();
    try {
      registry.insertJob(
          id,
          owner,
          connectionId,
          statement,
          serverId,
          LocalProcessBackend.placementOn(serverName),
          currentDatabase,
          System.currentTimeMillis());
    } catch (SQLException e) {
      throw new SqlflowException(
          ErrorCode.INTERNAL, "the job registry cannot record the job: " + e.getMessage(), e);
    }
    localOwners.put(id, owner);
    jobs.submitDetached(id, connectionId, statement, initialRows, work, writer);
    return id;
  }

  /** The account that submitted a detached job this server runs. */
  public Optional<String> ownerOf(long jobId) {
    return Optional.ofNullable(localOwners.get(jobId));
  }

  /**
   * SHOW JOBS: {@code localRows} (this server's jobs the account may see, as {@link
   * JobStatements#showJobs} made them) and the account's other jobs in the registry, by id.
   */
  public List<Object[]> showJobs(String owner, List<Object[]> localRows) throws SqlflowException {
    List<RegistryJob> registered = registryCall(() -> registry.listOf(owner));
    Set<Long> inRegistry = new HashSet<>();
    registered.forEach(job -> inRegistry.add(job.id()));
    // This server's rows are the freshest; but an ended detached job the registry removed
    // after the retention is gone everywhere.
    List<Object[]> rows = new ArrayList<>();
    for (Object[] row : localRows) {
      long id = (Long) row[0];
      boolean removed =
          localOwners.containsKey(id)
              && JobState.valueOf((String) row[3]).isFinal()
              && !inRegistry.contains(id);
      if (!removed) {
        rows.add(row);
      }
    }
    Set<Object> shown = new HashSet<>();
    rows.forEach(row -> shown.add(row[0]));
    Instant now = Instant.now();
    for (RegistryJob job : registered) {
      if (!shown.contains(job.id())) {
        Instant until = job.ended().orElse(now);
        rows.add(
            JobStatements.row(
                new JobInfo(
                    job.id(),
                    job.connectionId(),
                    -1,
                    job.statement(),
                    job.state(),
                    job.created(),
                    Duration.between(job.created(), until),
                    job.error().orElse(job.lastRow()),
                    job.backendHandle())));
      }
    }
    rows.sort(Comparator.comparingLong(row -> (Long) row[0]));
    return rows;
  }

  /**
   * KILL JOB of a job this server does not run: asks the server that runs it, which notices within
   * its poll. Returns false when the account has no such unfinished job.
   */
  public boolean requestKill(long jobId, String owner, String connectionId)
      throws SqlflowException {
    Optional<RegistryJob> job = registryCall(() -> registry.find(jobId));
    if (job.isEmpty() || !job.get().owner().equals(owner) || job.get().state().isFinal()) {
      return false;
    }
    String reason = "KILL JOB from connection " + connectionId + " on " + serverName;
    return registryCall(() -> registry.requestKill(jobId, reason));
  }

  /**
   * SHOW JOB LOG: the log of a job of {@code owner}; read live from memory when this server runs
   * it, from the registry otherwise. Empty when the account has no such job.
   */
  public Optional<LogSource> logOf(long jobId, String owner) throws SqlflowException {
    // Live from memory while it runs here; once ended, as every server sees it.
    Optional<Job> local = jobs.find(jobId).filter(job -> !job.info().state().isFinal());
    if (local.isPresent() && owner.equals(localOwners.get(jobId))) {
      return Optional.of(local.get());
    }
    Optional<RegistryJob> job = registryCall(() -> registry.find(jobId));
    if (job.isEmpty() || !job.get().owner().equals(owner)) {
      return Optional.empty();
    }
    return Optional.of(new RegistryLogSource(registry, jobId, READ_POLL));
  }

  private interface RegistryCall<T> {
    T call() throws SQLException;
  }

  private static <T> T registryCall(RegistryCall<T> call) throws SqlflowException {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new SqlflowException(
          ErrorCode.INTERNAL, "the job registry cannot be read: " + e.getMessage(), e);
    }
  }

  /** Call after the job manager closed: writes the jobs' last rows and states, stops beating. */
  @Override
  public void close() {
    poller.close();
    writer.close();
    registry.close();
  }
}
