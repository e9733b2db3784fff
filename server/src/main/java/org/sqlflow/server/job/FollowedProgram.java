package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

/**
 * The program of a job that this server took over from one that stopped: the job's work follows it
 * instead of starting one ({@link JobContext#followProgram}).
 *
 * @param placement where the earlier server's backend said the program runs
 * @param storedRows how many rows of the job's log that server stored: the log goes on from there
 */
public record FollowedProgram(String placement, long storedRows) {
  public FollowedProgram {
    requireNonNull(placement, "placement");
    if (storedRows < 0) {
      throw new IllegalArgumentException("storedRows must not be negative: " + storedRows);
    }
  }
}
