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
 * The kinds of value a WITH attribute may hold. Each converts a parsed value to a plain Java value
 * (Long, Double, Boolean, String, List) or reports what it expected.
 */
public enum AttributeType {
  POSITIVE_INTEGER("a positive integer"),
  NON_NEGATIVE_INTEGER("a non-negative integer"),
  CLASS_COUNT("an integer of at least 2"),
  POSITIVE_NUMBER("a positive number"),
  NON_POSITIVE_NUMBER("a number <= 0"),
  POSITIVE_INTEGER_LIST("a list of positive integers such as [10, 20]"),
  BOOLEAN("TRUE or FALSE"),
  OPTIMIZER("one of " + String.join(", ", KerasOptimizers.NAMES)),
  METRICS("a metric name or a list of them, from " + String.join(", ", Metrics.NAMES)),
  SELECT("a quoted SELECT statement"),
  NUMBER("a number"),
  NON_NEGATIVE_NUMBER("a number >= 0"),
  FRACTION("a number in [0, 1]"),
  POSITIVE_FRACTION("a number in (0, 1]"),
  BETWEEN_ONE_AND_TWO("a number strictly between 1 and 2"),
  /** XGBoost's train.batch_size: -1 trains on all rows at once. */
  ALL_OR_POSITIVE_INTEGER("-1 (all rows) or a positive integer"),
  /** A count a plot shows (summary.max_display): large values only cost time. */
  DISPLAY_COUNT("an integer in [1, " + AttributeType.MAX_DISPLAY_COUNT + "]"),
  /** One of the definition's choices, exactly as spelled (a string or a bare name). */
  CHOICE("one of the listed names"),
  /** One or more of the definition's choices: a list, or a comma-separated string. */
  CHOICES("names from the listed ones"),
  /** A plot's title or label: one line, short. */
  TEXT("a one-line string of at most " + AttributeType.MAX_TEXT + " characters"),
  TEXT_LIST("a list of one-line strings of at most " + AttributeType.MAX_TEXT + " characters"),
  /** A column of the SELECT, checked against it by the verifier. */
  COLUMN_NAME("a column name"),
  PLOT_SIZE(
      "\"auto\", a width in inches (at most " + AttributeType.MAX_INCHES + ") or [width, height]");

  static final int MAX_TEXT = 200;
  static final int MAX_DISPLAY_COUNT = 1000;
  static final int MAX_INCHES = 50;

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
    return convert(value, List.of());
  }

  /** As {@link #convert(AttributeValue)}; CHOICE and CHOICES take names from {@code choices}. */
  public Optional<Object> convert(AttributeValue value, List<String> choices) {
    return switch (this) {
      case POSITIVE_INTEGER -> integer(value).filter(n -> n > 0).map(n -> n);
      case NON_NEGATIVE_INTEGER -> integer(value).filter(n -> n >= 0).map(n -> n);
      case CLASS_COUNT -> integer(value).filter(n -> n >= 2).map(n -> n);
      case POSITIVE_NUMBER ->
          value instanceof NumberValue n
                  && n.value().signum() > 0
                  && Double.isFinite(n.value().doubleValue())
              ? Optional.of(n.value().doubleValue())
              : Optional.empty();
      case POSITIVE_INTEGER_LIST -> positiveIntegers(value);
      case BOOLEAN -> value instanceof BooleanValue b ? Optional.of(b.value()) : Optional.empty();
      case OPTIMIZER -> word(value).flatMap(KerasOptimizers::canonical).map(s -> s);
      case METRICS -> metrics(value);
      case SELECT ->
          value instanceof StringValue s && !s.value().isBlank()
              ? Optional.of(s.value())
              : Optional.empty();
      case NUMBER -> number(value).map(d -> d);
      case NON_POSITIVE_NUMBER -> number(value).filter(d -> d <= 0).map(d -> d);
      case NON_NEGATIVE_NUMBER -> number(value).filter(d -> d >= 0).map(d -> d);
      case FRACTION -> number(value).filter(d -> d >= 0 && d <= 1).map(d -> d);
      case POSITIVE_FRACTION -> number(value).filter(d -> d > 0 && d <= 1).map(d -> d);
      case BETWEEN_ONE_AND_TWO -> number(value).filter(d -> d > 1 && d < 2).map(d -> d);
      case ALL_OR_POSITIVE_INTEGER -> integer(value).filter(n -> n == -1 || n > 0).map(n -> n);
      case DISPLAY_COUNT ->
          integer(value).filter(n -> n >= 1 && n <= MAX_DISPLAY_COUNT).map(n -> n);
      case CHOICE -> word(value).filter(choices::contains).map(s -> s);
      case CHOICES -> names(value).filter(choices::containsAll).map(s -> s);
      case TEXT -> value instanceof StringValue s ? text(s.value()).map(t -> t) : Optional.empty();
      case TEXT_LIST -> textList(value);
      case COLUMN_NAME -> word(value).filter(w -> !w.isEmpty()).map(s -> s);
      case PLOT_SIZE -> plotSize(value);
    };
  }

  private static Optional<Double> number(AttributeValue value) {
    return value instanceof NumberValue n && Double.isFinite(n.value().doubleValue())
        ? Optional.of(n.value().doubleValue())
        : Optional.empty();
  }

  private static Optional<String> text(String s) {
    return s.length() <= MAX_TEXT && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
        ? Optional.of(s)
        : Optional.empty();
  }

  private static Optional<Object> textList(AttributeValue value) {
    if (!(value instanceof ListValue list) || list.items().isEmpty()) {
      return Optional.empty();
    }
    List<String> texts = new ArrayList<>();
    for (AttributeValue item : list.items()) {
      Optional<String> t = item instanceof StringValue s ? text(s.value()) : Optional.empty();
      if (t.isEmpty()) {
        return Optional.empty();
      }
      texts.add(t.get());
    }
    return Optional.of(List.copyOf(texts));
  }

  private static Optional<Object> plotSize(AttributeValue value) {
    if (value instanceof StringValue s && s.value().equals("auto")) {
      return Optional.of("auto");
    }
    Optional<Double> inches = number(value).filter(d -> d > 0 && d <= MAX_INCHES);
    if (inches.isPresent()) {
      return Optional.of(inches.get());
    }
    if (value instanceof ListValue list && list.items().size() == 2) {
      List<Double> sides = new ArrayList<>();
      for (AttributeValue item : list.items()) {
        Optional<Double> side = number(item).filter(d -> d > 0 && d <= MAX_INCHES);
        if (side.isEmpty()) {
          return Optional.empty();
        }
        sides.add(side.get());
      }
      return Optional.of(List.copyOf(sides));
    }
    return Optional.empty();
  }

  /** A list of names, one name, or a comma-separated string of names, as SQLFlow allows. */
  static Optional<List<String>> names(AttributeValue value) {
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
    return names.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(names));
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
    Optional<List<String>> names = names(value);
    if (names.isEmpty()) {
      return Optional.empty();
    }
    List<String> canonical = new ArrayList<>();
    for (String name : names.get()) {
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
}
