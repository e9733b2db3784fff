package org.sqlflow.server.job;

import java.util.List;
import java.util.Optional;

/** Placeholder with the agreed API; replaced by the job engine. */
public final class JobManager implements AutoCloseable {
  public JobManager(JobConfig config) {}

  public Job submit(String connectionId, int statementId, String statement,
      List<String> initialRows, JobWork work) {
    throw new UnsupportedOperationException("job engine not merged yet");
  }

  public Optional<Job> find(String connectionId, int statementId) {
    return Optional.empty();
  }

  public Optional<Job> find(long jobId) {
    return Optional.empty();
  }

  public List<JobInfo> list() {
    return List.of();
  }

  public boolean kill(long jobId, String reason) {
    return false;
  }

  public void closeStatement(String connectionId, int statementId) {}

  public void closeConnection(String connectionId) {}

  @Override
  public void close() {}
}
