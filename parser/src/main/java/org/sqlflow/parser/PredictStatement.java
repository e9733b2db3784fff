package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

/**
 * {@code <select> TO PREDICT <resultTable>.<resultColumn> [WITH ...] USING <model>}.
 *
 * @param resultTable the table to write, possibly qualified ({@code iris.predict})
 * @param resultColumn the column that receives the prediction ({@code class})
 */
public record PredictStatement(
    String original,
    String select,
    String resultTable,
    String resultColumn,
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
}
