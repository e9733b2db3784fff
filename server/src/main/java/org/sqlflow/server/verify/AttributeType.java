package org.sqlflow.server.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlflow.parser.AttributeValue;
import org.sqlflow.parser.AttributeValue.BooleanValue;
import org.sqlflow.parser.AttributeValue.IdentifierValue;
import org.sqlflow.parser.AttributeValue.ListValue;
import org.sqlflow.parser.AttributeValue.NumberValue;
import org.sqlflow.parser.AttributeValue.StringValue;
import org.sqlflow.server.contract.Metrics;

/**
 * The kinds of value a WITH attribute may hold. Each converts a parsed value to a plain Java
 * value (Long, Double, Boolean, String, List) or reports what it expected.
 */
public enum AttributeType {
  POSITIVE_INTEGER("a positive integer"),
  NON_NEGATIVE_INTEGER("a non-negative integer"),
  CLASS_COUNT("an integer of at least 2"),
  POSITIVE_NUMBER("a positive number"),
  POSITIVE_INTEGER_LIST("a list of positive integers such as [10, 20]"),
  BOOLEAN("TRUE or FALSE"),
  OPTIMIZER("one of " + String.join(", ", Optimizers.NAMES)),
  METRICS("a metric name or a list of them, from " + String.join(", ", Metrics.NAMES)),
  SELECT("a quoted SELECT statement");

  private final String expected;

  AttributeType(String expected) {
    this.expected = expected;
  }

  /** Words for the error message and the attribute listing: "a positive integer". */
  public String expected() {
    return expected;
  }

  /** The Java value, or empty when {@code value} is not of this type. */
  public Optional<Object> convert(AttributeValue value) {
    return switch (this) {
      case POSITIVE_INTEGER -> integer(value).filter(n -> n > 0).map(n -> n);
      case NON_NEGATIVE_INTEGER -> integer(value).filter(n -> n >= 0).map(n -> n);
      case CLASS_COUNT -> integer(value).filter(n -> n >= 2).map(n -> n);
      case POSITIVE_NUMBER -> value instanceof NumberValue n && n.value().signum() > 0
          && Double.isFinite(n.value().doubleValue())
          ? Optional.of(n.value().doubleValue()) : Optional.empty();
      case POSITIVE_INTEGER_LIST -> positiveIntegers(value);
      case BOOLEAN -> value instanceof BooleanValue b ? Optional.of(b.value()) : Optional.empty();
      case OPTIMIZER -> word(value).flatMap(Optimizers::canonical).map(s -> s);
      case METRICS -> metrics(value);
      case SELECT -> value instanceof StringValue s && !s.value().isBlank()
          ? Optional.of(s.value()) : Optional.empty();
    };
  }

  private static Optional<Long> integer(AttributeValue value) {
    if (!(value instanceof NumberValue n)) {
      return Optional.empty();
    }
    try {
      return Optional.of(n.value().stripTrailingZeros().longValueExact());
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Optional<Object> positiveIntegers(AttributeValue value) {
    if (!(value instanceof ListValue list) || list.items().isEmpty()) {
      return Optional.empty();
    }
    List<Long> numbers = new ArrayList<>();
    for (AttributeValue item : list.items()) {
      Optional<Long> n = integer(item).filter(x -> x > 0);
      if (n.isEmpty()) {
        return Optional.empty();
      }
      numbers.add(n.get());
    }
    return Optional.of(List.copyOf(numbers));
  }

  private static Optional<String> word(AttributeValue value) {
    if (value instanceof StringValue s) {
      return Optional.of(s.value().trim());
    }
    if (value instanceof IdentifierValue id) {
      return Optional.of(id.name());
    }
    return Optional.empty();
  }

  /** A list, a single name, or a comma-separated string ("Accuracy,AUC") as SQLFlow allows. */
  private static Optional<Object> metrics(AttributeValue value) {
    List<String> names = new ArrayList<>();
    if (value instanceof ListValue list) {
      for (AttributeValue item : list.items()) {
        Optional<String> w = word(item);
        if (w.isEmpty()) {
          return Optional.empty();
        }
        names.add(w.get());
      }
    } else if (value instanceof StringValue s) {
      for (String part : s.value().split(",")) {
        names.add(part.trim());
      }
    } else if (value instanceof IdentifierValue id) {
      names.add(id.name());
    } else {
      return Optional.empty();
    }
    List<String> canonical = new ArrayList<>();
    for (String name : names) {
      Optional<String> known = Metrics.canonical(name);
      if (known.isEmpty()) {
        return Optional.empty();
      }
      canonical.add(known.get());
    }
    return canonical.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(canonical));
  }

  /** The value as the user wrote it, for error messages. */
  public static String display(AttributeValue value) {
    if (value instanceof NumberValue n) {
      return n.value().toString();
    } else if (value instanceof StringValue s) {
      return '"' + s.value() + '"';
    } else if (value instanceof BooleanValue b) {
      return b.value() ? "TRUE" : "FALSE";
    } else if (value instanceof IdentifierValue id) {
      return id.name();
    }
    List<String> items = new ArrayList<>();
    for (AttributeValue item : ((ListValue) value).items()) {
      items.add(display(item));
    }
    return "[" + String.join(", ", items) + "]";
  }

  /** Names accepted by model.optimizer, as Keras spells them. */
  static final class Optimizers {
    static final List<String> NAMES =
        List.of("Adagrad", "Adam", "Adamax", "Adadelta", "Ftrl", "Nadam", "RMSprop", "SGD");

    private Optimizers() {}

    static Optional<String> canonical(String name) {
      return NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
    }
  }
}
