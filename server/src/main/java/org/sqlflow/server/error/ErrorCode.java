package org.sqlflow.server.error;

/** Categories of SQLFlow's own errors, each with the SQLState a JDBC client receives. */
public enum ErrorCode {
  SYNTAX_ERROR("42000"),
  UNKNOWN_COLUMN("42S22"),
  UNKNOWN_TABLE("42S02"),
  UNKNOWN_MODEL("42S02"),
  INVALID_ATTRIBUTE("22023"),
  INVALID_NAME("42602"),
  EMPTY_DATA("22000"),
  TYPE_MISMATCH("42804"),
  JOB_FAILED("58000"),
  JOB_CANCELLED("57014"),
  TOO_MANY_JOBS("53000"),
  UNKNOWN_JOB("HY000"),
  INTERNAL("XX000");

  private final String sqlState;

  ErrorCode(String sqlState) {
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}
