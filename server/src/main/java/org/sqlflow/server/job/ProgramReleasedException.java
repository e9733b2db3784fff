package org.sqlflow.server.job;

import org.sqlflow.server.error.JobCancelledException;

/**
 * The server stopped following a program that runs on without it (it is shutting down): the job has
 * not ended, and a server that starts later takes it over.
 */
public final class ProgramReleasedException extends JobCancelledException {
  public ProgramReleasedException(String message) {
    super(message);
  }
}
