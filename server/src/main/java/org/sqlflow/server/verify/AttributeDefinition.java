package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

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
}
