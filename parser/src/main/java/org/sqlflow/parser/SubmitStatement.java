package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

/**
 * {@code SUBMIT <extended statement>}: the statement runs as a job detached from the statement and
 * connection that started it; the answer is the job's id at once.
 *
 * @param statement the extended statement after SUBMIT, parsed as if SUBMIT were not there
 * @param original the whole text, SUBMIT included, as the job registry lists it
 */
public record SubmitStatement(ExtendedStatement statement, String original)
    implements ParsedStatement {

  public SubmitStatement {
    requireNonNull(statement, "statement");
    requireNonNull(original, "original");
    if (statement instanceof ShowTrainStatement) {
      throw new IllegalArgumentException("SHOW TRAIN answers at once and cannot be submitted");
    }
  }
}
