package org.sqlflow.server.error;

/** The job was stopped: by cancel, query timeout, close, KILL JOB or an idle client. */
public class JobCancelledException extends Exception {
  public JobCancelledException(String message) {
    super(message);
  }
}
