package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** {@code <select> TO EXPLAIN <model> [WITH ...] [USING <explainer>] [INTO <into>]}. */
public record ExplainStatement(
    String original,
    String select,
    String model,
    Attributes attributes,
    Optional<String> explainer,
    Optional<String> into)
    implements ExtendedStatement {

  public ExplainStatement {
    requireNonNull(original, "original");
    requireNonNull(select, "select");
    requireNonNull(model, "model");
    requireNonNull(attributes, "attributes");
    requireNonNull(explainer, "explainer");
    requireNonNull(into, "into");
  }
}
