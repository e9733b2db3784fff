package org.sqlflow.server.error;

/**
 * SQLFlow's own errors, in Trino's manner: each has a stable vendor code (what {@code
 * SQLException.getErrorCode()} returns; above MySQL's and H2's own ranges, so a client can tell
 * ours from the database's), the SQLState a JDBC client receives, and a type saying whose fault it
 * is. Codes are never reused or renumbered; a new error takes the next one.
 */
public enum ErrorCode {
  SYNTAX_ERROR(100_001, "42000", ErrorType.USER_ERROR),
  UNKNOWN_COLUMN(100_002, "42S22", ErrorType.USER_ERROR),
  UNKNOWN_TABLE(100_003, "42S02", ErrorType.USER_ERROR),
  UNKNOWN_MODEL(100_004, "42S02", ErrorType.USER_ERROR),
  INVALID_ATTRIBUTE(100_005, "22023", ErrorType.USER_ERROR),
  INVALID_NAME(100_006, "42602", ErrorType.USER_ERROR),
  EMPTY_DATA(100_007, "22000", ErrorType.USER_ERROR),
  TYPE_MISMATCH(100_008, "42804", ErrorType.USER_ERROR),
  /** The generated program failed (its last traceback line says why). */
  JOB_FAILED(100_009, "58000", ErrorType.EXTERNAL),
  JOB_CANCELLED(100_010, "57014", ErrorType.USER_ERROR),
  TOO_MANY_JOBS(100_011, "53000", ErrorType.INSUFFICIENT_RESOURCES),
  UNKNOWN_JOB(100_012, "HY000", ErrorType.USER_ERROR),
  INTERNAL(100_013, "XX000", ErrorType.INTERNAL_ERROR),
  /** The backing database refused a statement SQLFlow ran for the user (a SELECT's sample). */
  DATABASE_ERROR(100_014, "HY000", ErrorType.EXTERNAL),
  /** A TO TRAIN INTO target is a table that is not a model: 42S01, table already exists. */
  NOT_A_MODEL(100_015, "42S01", ErrorType.USER_ERROR),
  /** A statement SQLFlow understands but this server does not run (TO RUN). */
  NOT_SUPPORTED(100_016, "0A000", ErrorType.USER_ERROR);

  private final int code;
  private final String sqlState;
  private final ErrorType type;

  ErrorCode(int code, String sqlState, ErrorType type) {
    this.code = code;
    this.sqlState = sqlState;
    this.type = type;
  }

  /** The stable vendor code. */
  public int code() {
    return code;
  }

  public String sqlState() {
    return sqlState;
  }

  public ErrorType type() {
    return type;
  }
}
