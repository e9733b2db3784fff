package org.sqlflow.server.error;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Optional;

/**
 * An error of SQLFlow's own with its category; the protocol layer turns it into an SQLException
 * with the category's SQLState and vendor code, or, when the backing database is the one that
 * failed, with the database's own.
 */
public class SqlflowException extends Exception {
  private final ErrorCode code;
  private final SQLException databaseError;

  public SqlflowException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public SqlflowException(ErrorCode code, String message, Throwable cause) {
    this(code, message, cause, null);
  }

  private SqlflowException(
      ErrorCode code, String message, Throwable cause, SQLException databaseError) {
    super(message, cause);
    this.code = requireNonNull(code, "code");
    this.databaseError = databaseError;
  }

  /**
   * The backing database refused what SQLFlow ran for the user: the client sees the database's
   * SQLState and vendor code, as it would had it run the statement itself.
   */
  public static SqlflowException fromDatabase(ErrorCode code, String message, SQLException e) {
    return new SqlflowException(code, message, e, requireNonNull(e, "e"));
  }

  public ErrorCode code() {
    return code;
  }

  /** The backing database's own error behind this one, whose SQLState and code the client sees. */
  public Optional<SQLException> databaseError() {
    return Optional.ofNullable(databaseError);
  }
}
