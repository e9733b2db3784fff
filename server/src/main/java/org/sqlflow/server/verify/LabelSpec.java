package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sqlflow.server.contract.LabelKind;

/** The LABEL of a model: its column and whether it holds class ids or values. */
public record LabelSpec(String column, LabelKind kind) {

  public LabelSpec {
    requireNonNull(column, "column");
    requireNonNull(kind, "kind");
  }

  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("column", column);
    map.put("kind", kind.contractName());
    return map;
  }
}
