package org.sqlflow.server.feed;

import org.sqlflow.server.job.JobCancelledException;

/** Long Java-side loops call this between batches; a job passes {@code context::checkCancelled}. */
@FunctionalInterface
public interface CancellationCheck {
  CancellationCheck NEVER = () -> { };

  void check() throws JobCancelledException;
}
