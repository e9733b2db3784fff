package org.sqlflow.server.job;

/** A job step failed; the message says what went wrong in one line a user can act on. */
public class JobFailedException extends Exception {
  public JobFailedException(String message) {
    super(message);
  }

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
