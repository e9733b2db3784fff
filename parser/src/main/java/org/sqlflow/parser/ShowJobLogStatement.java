package org.sqlflow.parser;

/**
 * {@code SHOW JOB LOG <id> [FROM <row>]}: a job's log rows, from row {@code fromRow} (rows are
 * numbered from 1, as the original statement's {@code ResultSet} numbers them).
 */
public record ShowJobLogStatement(long jobId, long fromRow) implements ParsedStatement {

  public ShowJobLogStatement {
    if (jobId < 0) {
      throw new IllegalArgumentException("jobId must not be negative");
    }
    if (fromRow < 1) {
      throw new IllegalArgumentException("fromRow must be at least 1");
    }
  }

  /** The offset of the first row to read, counting from 0. */
  public long offset() {
    return fromRow - 1;
  }
}
