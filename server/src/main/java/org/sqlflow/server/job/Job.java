package org.sqlflow.server.job;

import java.time.Duration;

/** Placeholder with the agreed API; replaced by the job engine. */
public final class Job {
  public long id() {
    return 0;
  }

  public JobInfo info() {
    return null;
  }

  public void cancel(String reason) {}

  public LogChunk read(long offset, int maxRows, Duration wait) throws InterruptedException {
    return null;
  }
}
