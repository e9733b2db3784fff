package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.sqlflow.parser.AttributeValue;

/**
 * One WITH attribute a model accepts.
 *
 * @param defaultValue the Java value used when the statement omits it; null means None
 * @param choices the names a {@link AttributeType#CHOICE} or {@link AttributeType#CHOICES}
 *     attribute accepts, exactly as spelled; empty for other types
 */
public record AttributeDefinition(
    String key, AttributeType type, Object defaultValue, String description, List<String> choices) {

  public AttributeDefinition {
    requireNonNull(key, "key");
    requireNonNull(type, "type");
    requireNonNull(description, "description");
    choices = List.copyOf(choices);
    if (choices.isEmpty() == (type == AttributeType.CHOICE || type == AttributeType.CHOICES)) {
      throw new IllegalArgumentException(key + ": choices go with CHOICE and CHOICES only");
    }
  }

  public AttributeDefinition(
      String key, AttributeType type, Object defaultValue, String description) {
    this(key, type, defaultValue, description, List.of());
  }

  /** An attribute holding one of {@code choices} (CHOICE). */
  public static AttributeDefinition choice(
      String key, Object defaultValue, String description, List<String> choices) {
    return new AttributeDefinition(key, AttributeType.CHOICE, defaultValue, description, choices);
  }

  /** The Java value of {@code value}, or empty when it is not what this attribute takes. */
  public Optional<Object> convert(AttributeValue value) {
    return type.convert(value, choices);
  }

  /** Words for the error message: "a positive integer", "one of gbtree, gblinear, dart". */
  public String expected() {
    return switch (type) {
      case CHOICE -> "one of " + String.join(", ", choices);
      case CHOICES -> "a name or a list of names from " + String.join(", ", choices);
      default -> type.expected();
    };
  }
}
