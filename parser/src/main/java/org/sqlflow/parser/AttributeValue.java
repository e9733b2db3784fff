package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/** A value on the right of {@code key = value} in a WITH clause. */
public sealed interface AttributeValue {

  /** A number as written, negative numbers included: {@code 3}, {@code -0.5}, {@code 1e-3}. */
  record NumberValue(BigDecimal value) implements AttributeValue {
    public NumberValue {
      requireNonNull(value, "value");
    }
  }

  /** A single- or double-quoted string, unquoted. */
  record StringValue(String value) implements AttributeValue {
    public StringValue {
      requireNonNull(value, "value");
    }
  }

  /** {@code TRUE} or {@code FALSE}, any case. */
  record BooleanValue(boolean value) implements AttributeValue {}

  /** A bare, possibly dotted identifier such as {@code RMSprop}. */
  record IdentifierValue(String name) implements AttributeValue {
    public IdentifierValue {
      requireNonNull(name, "name");
    }
  }

  /** {@code [a, b, ...]}. */
  record ListValue(List<AttributeValue> items) implements AttributeValue {
    public ListValue {
      items = List.copyOf(items);
    }
  }
}
