package org.sqlflow.server.job;

import java.util.Optional;

/**
 * Told of a detached job's log rows and state changes as they happen, e.g. to keep them in a job
 * registry. Called on the threads that write the log: an implementation must only hand the news on
 * (a queue), never block, so that the live stream keeps its pace.
 */
public interface JobListener {
  JobListener NONE =
      new JobListener() {
        @Override
        public void appended(long jobId, long row, String text) {}

        @Override
        public void changed(long jobId, JobState state, Optional<String> failure) {}

        @Override
        public void placed(long jobId, String placement) {}
      };

  /** Row {@code row} (counting from 0) of the job's log is {@code text}. */
  void appended(long jobId, long row, String text);

  /**
   * The job is now {@code state}; {@code failure} is the message its reader gets when it ended
   * FAILED or CANCELLED. A final state comes after the job's last row.
   */
  void changed(long jobId, JobState state, Optional<String> failure);

  /**
   * The job's program runs at {@code placement} (as SHOW JOBS shows it); told after the rows logged
   * before the program started.
   */
  void placed(long jobId, String placement);
}
