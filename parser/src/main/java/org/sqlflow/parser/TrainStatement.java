package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <select> TO TRAIN <modelClass> [WITH ...] [COLUMN ... [FOR target]]... [LABEL l] [USING m]
 * INTO <into>}.
 *
 * @param columns feature column expressions by target; a COLUMN clause without FOR is stored under
 *     {@link #DEFAULT_COLUMN_TARGET}; empty when the statement has no COLUMN clause
 */
public record TrainStatement(
    String original,
    String select,
    String modelClass,
    Attributes attributes,
    Map<String, List<ColumnExpr>> columns,
    Optional<String> label,
    Optional<String> usingModel,
    String into)
    implements ExtendedStatement {

  public static final String DEFAULT_COLUMN_TARGET = "feature_columns";

  public TrainStatement {
    requireNonNull(original, "original");
    requireNonNull(select, "select");
    requireNonNull(modelClass, "modelClass");
    requireNonNull(attributes, "attributes");
    LinkedHashMap<String, List<ColumnExpr>> copy = new LinkedHashMap<>();
    columns.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    columns = java.util.Collections.unmodifiableMap(copy);
    requireNonNull(label, "label");
    requireNonNull(usingModel, "usingModel");
    requireNonNull(into, "into");
  }
}
