package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

/** {@code <select> TO EVALUATE <model> [WITH ...] LABEL <label> INTO <into>}. */
public record EvaluateStatement(
    String original, String select, String model, Attributes attributes, String label, String into)
    implements ExtendedStatement {

  public EvaluateStatement {
    requireNonNull(original, "original");
    requireNonNull(select, "select");
    requireNonNull(model, "model");
    requireNonNull(attributes, "attributes");
    requireNonNull(label, "label");
    requireNonNull(into, "into");
  }
}
