package org.sqlflow.server.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlflow.server.contract.FeatureKind;

/**
 * One feature spec of docs/ml-contract.md section 2: an ordered dictionary such as {@code {"kind":
 * "numeric", "column": "x", "shape": [1]}}, nested specs included as maps.
 */
public record FeatureSpec(Map<String, Object> fields) {

  public FeatureSpec {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** Builds a spec of {@code kind} from alternating keys and values, in order. */
  public static FeatureSpec of(FeatureKind kind, Object... keysAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("kind", kind.contractName());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      fields.put((String) keysAndValues[i], value instanceof FeatureSpec s ? s.fields() : value);
    }
    return new FeatureSpec(fields);
  }

  public FeatureKind kind() {
    return FeatureKind.forContractName((String) fields.get("kind"));
  }

  public boolean isCategorical() {
    return kind().isCategorical();
  }

  /** This spec's kind and the kinds of every spec nested in it. */
  public Set<FeatureKind> kinds() {
    Set<FeatureKind> kinds = new LinkedHashSet<>();
    collectKinds(fields, kinds);
    return kinds;
  }

  @SuppressWarnings("unchecked")
  private static void collectKinds(Map<String, Object> spec, Set<FeatureKind> kinds) {
    kinds.add(FeatureKind.forContractName((String) spec.get("kind")));
    if (spec.get("source") instanceof Map<?, ?> source) {
      collectKinds((Map<String, Object>) source, kinds);
    }
    if (spec.get("sources") instanceof List<?> sources) {
      for (Object source : new ArrayList<>(sources)) {
        collectKinds((Map<String, Object>) source, kinds);
      }
    }
  }

  /** The SELECT columns this spec reads, in the order they appear. */
  public Set<String> inputColumns() {
    Set<String> columns = new LinkedHashSet<>();
    collect(fields, columns);
    return columns;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Map<String, Object> spec, Set<String> columns) {
    if (spec.get("column") instanceof String column) {
      columns.add(column);
    }
    if (spec.get("source") instanceof Map<?, ?> source) {
      collect((Map<String, Object>) source, columns);
    }
    if (spec.get("sources") instanceof List<?> sources) {
      for (Object source : new ArrayList<>(sources)) {
        collect((Map<String, Object>) source, columns);
      }
    }
  }
}
