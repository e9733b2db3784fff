package org.sqlflow.parser;

/** How the server routes a statement. */
public enum StatementKind {
  /** Passed through to the backing database. */
  STANDARD,
  /** {@code ... TO TRAIN|PREDICT|EVALUATE|EXPLAIN|RUN|MAXIMIZE|MINIMIZE ...} or {@code SHOW TRAIN}: parsed by SQLFlow. */
  EXTENDED,
  /** {@code SHOW JOBS}. */
  SHOW_JOBS,
  /** {@code KILL JOB <n>}; {@link StatementClassifier#parseKillJob} reads it. */
  KILL_JOB
}
