package org.sqlflow.parser;

/** How the server routes a statement. */
public enum StatementKind {
  /** Passed through to the backing database. */
  STANDARD,
  /**
   * {@code ... TO TRAIN|PREDICT|EVALUATE|EXPLAIN|RUN|MAXIMIZE|MINIMIZE ...} or {@code SHOW TRAIN}:
   * parsed by SQLFlow.
   */
  EXTENDED,
  /** {@code SHOW JOBS}. */
  SHOW_JOBS,
  /** {@code KILL JOB <n>}; {@link StatementClassifier#parseKillJob} reads it. */
  KILL_JOB,
  /** {@code SUBMIT <extended statement>}: the statement runs detached. */
  SUBMIT,
  /** {@code SHOW JOB LOG <n> [FROM <row>]}; {@link ShowJobLogSyntax} reads it. */
  SHOW_JOB_LOG,
  /**
   * {@code SQLFLOW METADATA [method(arguments)]}: a JDBC metadata call the driver forwards to the
   * backing database; {@link MetadataCall#parse} reads it.
   */
  METADATA,
  /** {@code SQLFLOW RETURNING KEYS <statement>}; {@link GeneratedKeys} reads it. */
  RETURNING_KEYS,
  /** {@code SQLFLOW GENERATED KEYS FOR STATEMENT <id>}; {@link GeneratedKeys} reads it. */
  GENERATED_KEYS,
  /**
   * {@code SQLFLOW WARNINGS FOR STATEMENT <id>}; {@link GeneratedKeys#statementOfWarnings} reads
   * it.
   */
  WARNINGS,
  /**
   * {@code SQLFLOW MORE RESULTS FOR STATEMENT <id>}: the next result of that statement's last
   * execution; {@link GeneratedKeys#statementOfMoreResults} reads it.
   */
  MORE_RESULTS
}
