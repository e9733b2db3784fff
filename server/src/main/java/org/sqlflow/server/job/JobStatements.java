package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * What SHOW JOBS and KILL JOB mean, in the job engine's terms. Which jobs a client may see is the
 * caller's rule ({@code visible}): a database shows a user their own sessions only.
 */
public final class JobStatements {
  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final JobManager jobs;

  public JobStatements(JobManager jobs) {
    this.jobs = requireNonNull(jobs, "jobs");
  }

  /**
   * SHOW JOBS: one row per visible job, as (id, connection, statement, state, started,
   * elapsed_seconds, last_line, runs_on).
   */
  public List<Object[]> showJobs(Predicate<JobInfo> visible) {
    List<Object[]> rows = new ArrayList<>();
    for (JobInfo info : jobs.list()) {
      if (visible.test(info)) {
        rows.add(row(info));
      }
    }
    return rows;
  }

  /** One SHOW JOBS row, in the shape {@link #showJobs} describes. */
  public static Object[] row(JobInfo info) {
    return new Object[] {
      info.id(),
      info.connectionId(),
      info.statement(),
      info.state().name(),
      STARTED.format(info.started()),
      info.elapsed().toMillis() / 1000.0,
      info.lastLine(),
      info.placement()
    };
  }

  /**
   * KILL JOB {@code id} from connection {@code connectionId}.
   *
   * @throws SqlflowException when no visible job of that id is running: like MySQL's KILL of an
   *     unknown thread, it says so rather than report nothing done
   */
  public void killJob(long id, String connectionId, Predicate<JobInfo> visible)
      throws SqlflowException {
    Optional<Job> job = jobs.find(id);
    boolean mine = job.isPresent() && visible.test(job.get().info());
    if (!mine || !jobs.kill(id, "KILL JOB from connection " + connectionId)) {
      throw new SqlflowException(
          ErrorCode.UNKNOWN_JOB,
          "no running job " + id + " of this account (SHOW JOBS lists them)");
    }
  }

  /**
   * KILL JOB FOR STATEMENT, the driver's cancel and query timeout: stops the job of that statement
   * of the connection.
   *
   * @return whether the statement had a job
   */
  public boolean cancelStatement(String connectionId, int statementId, boolean timedOut) {
    Optional<Job> job = jobs.find(connectionId, statementId);
    job.ifPresent(j -> j.cancel(timedOut ? "query timeout" : "cancelled by the client"));
    return job.isPresent();
  }
}
