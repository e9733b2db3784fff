package org.sqlflow.server.error;

import static java.util.Objects.requireNonNull;

/**
 * An error of SQLFlow's own (not the backing database's) with its category; the protocol
 * layer turns it into an SQLException with the category's SQLState.
 */
public class SqlflowException extends Exception {
  private final ErrorCode code;

  public SqlflowException(ErrorCode code, String message) {
    super(message);
    this.code = requireNonNull(code, "code");
  }

  public SqlflowException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
