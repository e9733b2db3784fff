package org.sqlflow.parser;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The WITH clause: dotted keys to values, in the order written; keys are unique. */
public record Attributes(Map<String, AttributeValue> values) {

  public static final Attributes EMPTY = new Attributes(Map.of());

  public Attributes {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public Optional<AttributeValue> find(String key) {
    return Optional.ofNullable(values.get(key));
  }
}
