package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import org.sqlflow.server.codegen.PythonLiteral;

/**
 * One WITH attribute a model accepts.
 *
 * @param defaultValue the Java value used when the statement omits it; null means None
 */
public record AttributeDefinition(
    String key, AttributeType type, Object defaultValue, String description) {

  public AttributeDefinition {
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    requireNonNull(description, "description");
  }

  /** One line of the allowed-attributes listing shown with errors. */
  public String describe() {
    return key + " (" + type.expected() + ", default " + PythonLiteral.render(defaultValue)
        + "): " + description;
  }
}
