package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code <select> TO PREDICT <resultTable>[.<resultColumn>] [WITH ...] USING <model>}.
 *
 * <p>The result is named as SQLFlow splits it (its {@code parseResultTable}): at the last dot, so
 * {@code db.table.column} and {@code table.column}; a bare {@code table} (no dot) has no column,
 * the prediction then goes into a column named after the model's label.
 *
 * @param resultTable the table to write, possibly qualified ({@code iris.predict})
 * @param resultColumn the column that receives the prediction ({@code class}); empty: the label's
 *     name
 */
public record PredictStatement(
    String original,
    String select,
    String resultTable,
    Optional<String> resultColumn,
    Attributes attributes,
    String model)
    implements ExtendedStatement {

  public PredictStatement {
    requireNonNull(original, "original");
    requireNonNull(select, "select");
    requireNonNull(resultTable, "resultTable");
    requireNonNull(resultColumn, "resultColumn");
    requireNonNull(attributes, "attributes");
    requireNonNull(model, "model");
  }

  /** A statement with an explicit result column. */
  public PredictStatement(
      String original,
      String select,
      String resultTable,
      String resultColumn,
      Attributes attributes,
      String model) {
    this(original, select, resultTable, Optional.of(resultColumn), attributes, model);
  }
}
