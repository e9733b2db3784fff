package org.sqlflow.parser;

/**
 * A parsed SQLFlow statement: the value the verify, codegen and job stages consume.
 *
 * <p>{@code select()} is the user's own SELECT text, cut from the statement by position, so that
 * the backing database sees exactly what was typed (backticks, MySQL functions, {@code LIMIT a,
 * b}); it is empty for {@link ShowTrainStatement}.
 */
public sealed interface ExtendedStatement extends ParsedStatement
    permits TrainStatement,
        PredictStatement,
        EvaluateStatement,
        ExplainStatement,
        ShowTrainStatement,
        RunStatement,
        OptimizeStatement {

  /** The whole statement as the user wrote it (without a trailing semicolon). */
  String original();

  /** The standard SELECT part, verbatim; empty for SHOW TRAIN. */
  String select();
}
