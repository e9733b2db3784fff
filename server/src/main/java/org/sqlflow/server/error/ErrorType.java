package org.sqlflow.server.error;

/** Whose fault an error is, as Trino's {@code ErrorType} tells them apart. */
public enum ErrorType {
  /** The statement is wrong: the user can fix it. */
  USER_ERROR,
  /** A bug in SQLFlow. */
  INTERNAL_ERROR,
  /** Something SQLFlow depends on failed: the backing database, the Python program. */
  EXTERNAL,
  /** A limit was reached: try again later. */
  INSUFFICIENT_RESOURCES
}
