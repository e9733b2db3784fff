package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LABEL of a model: its column and whether it holds class ids ({@code "class"}) or values
 * ({@code "regression"}).
 */
public record LabelSpec(String column, String kind) {

  public LabelSpec {
    requireNonNull(column, "column");
    requireNonNull(kind, "kind");
  }

  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("column", column);
    map.put("kind", kind);
    return map;
  }
}
