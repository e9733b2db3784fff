package org.sqlflow.server.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.parser.AttributeValue;
import org.sqlflow.parser.Attributes;
import org.sqlflow.server.contract.Metrics;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/** Checks a WITH clause against the attributes a statement accepts and applies defaults. */
final class AttributeResolver {
  private AttributeResolver() {}

  /**
   * @param owner names what accepts the attributes in messages ("DNNClassifier", "PREDICT")
   * @return every allowed attribute by key, the written value or the default
   */
  static Map<String, Object> resolve(
      String owner, List<AttributeDefinition> allowed, Attributes written) throws SqlflowException {
    for (String key : written.values().keySet()) {
      if (allowed.stream().noneMatch(a -> a.key().equals(key))) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "unknown attribute '" + key + "' for " + owner + "; " + listing(owner, key, allowed));
      }
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    for (AttributeDefinition definition : allowed) {
      Optional<AttributeValue> value = written.find(definition.key());
      if (value.isEmpty()) {
        resolved.put(definition.key(), definition.defaultValue());
        continue;
      }
      Optional<Object> converted = definition.convert(value.get());
      if (converted.isEmpty()) {
        throw wrongValue(definition, value.get());
      }
      resolved.put(definition.key(), converted.get());
    }
    return resolved;
  }

  private static SqlflowException wrongValue(AttributeDefinition definition, AttributeValue value) {
    if (definition.type() == AttributeType.METRICS) {
      Optional<String> unknown = unknownMetric(value);
      if (unknown.isPresent()) {
        return new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "unknown metric '"
                + unknown.get()
                + "' in "
                + definition.key()
                + "; known metrics: "
                + String.join(", ", Metrics.NAMES));
      }
    }
    String hint = "";
    if (definition.type() == AttributeType.OPTIMIZER
        && (value instanceof AttributeValue.StringValue
            || value instanceof AttributeValue.IdentifierValue)) {
      hint =
          NearestName.of(AttributeType.display(value).replace("\"", ""), KerasOptimizers.NAMES)
              .map(n -> "; did you mean '" + n + "'?")
              .orElse("");
    }
    return new SqlflowException(
        ErrorCode.INVALID_ATTRIBUTE,
        definition.key()
            + " must be "
            + definition.expected()
            + ", got "
            + AttributeType.display(value)
            + hint);
  }

  private static Optional<String> unknownMetric(AttributeValue value) {
    List<String> names;
    if (value instanceof AttributeValue.ListValue list) {
      names =
          list.items().stream()
              .map(AttributeType::display)
              .map(s -> s.replaceAll("^\"|\"$", ""))
              .toList();
    } else if (value instanceof AttributeValue.StringValue s) {
      names = List.of(s.value().split(",")).stream().map(String::trim).toList();
    } else if (value instanceof AttributeValue.IdentifierValue id) {
      names = List.of(id.name());
    } else {
      return Optional.empty();
    }
    return names.stream().filter(n -> Metrics.canonical(n).isEmpty()).findFirst();
  }

  /**
   * The nearest valid name (a likely typo) and the valid names; not their descriptions, which made
   * the message longer than a client's error dialog (docs/ml-contract.md lists them).
   */
  private static String listing(String owner, String key, List<AttributeDefinition> allowed) {
    if (allowed.isEmpty()) {
      return owner + " accepts no attributes";
    }
    List<String> names = allowed.stream().map(AttributeDefinition::key).toList();
    // Optimizer arguments are listed as "optimizer.*": their twenty names per slot would bury the
    // others (the nearest-name hint still knows each one).
    List<String> listed =
        names.stream()
            .map(n -> KerasOptimizers.isArgument(n) ? n.substring(0, n.indexOf('.')) + ".*" : n)
            .distinct()
            .toList();
    return NearestName.of(key, names).map(n -> "did you mean '" + n + "'? ").orElse("")
        + "valid: "
        + String.join(", ", listed);
  }
}
