package org.sqlflow.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Turns a value as the server sends it to SQLFlow's driver (integers widened to long, BIGINT
 * UNSIGNED as a decimal, dates and times as the database's text) back into what the database's own
 * driver returns: the class its metadata names for {@code getObject}, the java.time classes for
 * {@code getObject(i, Class)}, and its lenient numeric conversions.
 */
final class ExactValues {
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /** A time of day with as many fraction digits as it has (none when whole). */
  static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /** H2's text of TIMESTAMP WITH TIME ZONE and TIME WITH TIME ZONE: {@code ...05.1+02}. */
  private static final DateTimeFormatter OFFSET_TIME =
      new DateTimeFormatterBuilder()
          .append(TIME)
          .appendPattern("[XXX][XX][X]")
          .toFormatter(Locale.ROOT);

  private static final DateTimeFormatter OFFSET_DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd[ ]['T']")
          .append(OFFSET_TIME)
          .toFormatter(Locale.ROOT);

  private ExactValues() {}

  /** What the database's driver returns from {@code getObject}, or null to keep the raw value. */
  static Object object(Object raw, String className) {
    if (raw == null || className == null) {
      return null;
    }
    switch (className) {
      case "java.lang.Byte":
        return ((Number) raw).byteValue();
      case "java.lang.Short":
        return ((Number) raw).shortValue();
      case "java.lang.Integer":
        return ((Number) raw).intValue();
      case "java.lang.Long":
        return ((Number) raw).longValue();
      case "java.math.BigInteger":
        return new BigDecimal(raw.toString()).toBigIntegerExact();
      case "java.sql.Date":
        return java.sql.Date.valueOf(dateTime(raw.toString()).toLocalDate());
      case "java.time.LocalDate":
        return dateTime(raw.toString()).toLocalDate();
      case "java.sql.Time":
        return time(dateTime(raw.toString()).toLocalTime());
      case "java.time.LocalTime":
        return dateTime(raw.toString()).toLocalTime();
      case "java.sql.Timestamp":
        return Timestamp.valueOf(dateTime(raw.toString()));
      case "java.time.LocalDateTime":
        return dateTime(raw.toString());
      case "java.time.OffsetDateTime":
        return OffsetDateTime.parse(raw.toString(), OFFSET_DATE_TIME);
      case "java.time.OffsetTime":
        return OffsetTime.parse(raw.toString(), OFFSET_TIME);
      case "java.util.UUID":
        return java.util.UUID.fromString(raw.toString());
      default:
        return null;
    }
  }

  /** {@code java.sql.Time} keeps milliseconds of the day, as the database's drivers fill it. */
  static java.sql.Time time(LocalTime time) {
    return new java.sql.Time(java.sql.Time.valueOf(time).getTime() + time.getNano() / 1_000_000);
  }

  /** Whether a column travels as the database's text for a temporal type. */
  static boolean isTemporal(String className) {
    return className != null
        && (className.startsWith("java.sql.Date")
            || className.startsWith("java.sql.Time")
            || className.startsWith("java.time.Local")
            || className.startsWith("java.time.Offset"));
  }

  /**
   * A date, time or timestamp text as one value: a date alone is its midnight, a time alone is on
   * 1970-01-01 (as Connector/J converts them), a YEAR's {@code 2155} is 2155-01-01.
   */
  static LocalDateTime dateTime(String text) {
    if (text.length() == 4) {
      return LocalDate.of(Integer.parseInt(text), 1, 1).atStartOfDay();
    }
    if (text.length() == 10 && text.charAt(4) == '-') {
      return LocalDate.parse(text).atStartOfDay();
    }
    if (text.length() > 2 && text.charAt(2) == ':') {
      return LocalTime.parse(text, TIME).atDate(LocalDate.EPOCH);
    }
    return LocalDateTime.parse(text, DATE_TIME);
  }

  /** {@code getObject(i, type)} for the java.time classes, or null for other classes. */
  static <T> T convert(String text, String className, Class<T> type) {
    if (className.startsWith("java.time.Offset")) {
      return convertOffset(
          OffsetDateTime.parse(
              text.length() > 10 && text.charAt(2) == ':' ? "1970-01-01 " + text : text,
              OFFSET_DATE_TIME),
          type);
    }
    LocalDateTime value = dateTime(text);
    Object converted;
    if (type == LocalDate.class) {
      converted = value.toLocalDate();
    } else if (type == LocalTime.class) {
      converted = value.toLocalTime();
    } else if (type == LocalDateTime.class) {
      converted = value;
    } else if (type == OffsetDateTime.class) {
      // As Connector/J does: the wall-clock time in the JVM's zone.
      converted = value.atZone(ZoneId.systemDefault()).toOffsetDateTime();
    } else if (type == OffsetTime.class) {
      converted = value.atZone(ZoneId.systemDefault()).toOffsetDateTime().toOffsetTime();
    } else {
      return null;
    }
    return type.cast(converted);
  }

  /** An instant with its offset, as java.time values in the JVM's zone (as H2 converts them). */
  private static <T> T convertOffset(OffsetDateTime value, Class<T> type) {
    LocalDateTime local = value.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
    Object converted;
    if (type == OffsetDateTime.class) {
      converted = value;
    } else if (type == OffsetTime.class) {
      converted = value.toOffsetTime();
    } else if (type == LocalDateTime.class) {
      converted = local;
    } else if (type == LocalDate.class) {
      converted = local.toLocalDate();
    } else if (type == LocalTime.class) {
      converted = local.toLocalTime();
    } else {
      return null;
    }
    return type.cast(converted);
  }

  /**
   * A value as a number the way the database's driver reads one for {@code getLong} and {@code
   * getDouble}: booleans are 1 and 0, BIT(n) bytes an unsigned integer, text is parsed (empty text
   * is 0), a float is its own shortest decimal.
   */
  static BigDecimal number(Object raw) throws SQLException {
    if (raw instanceof BigDecimal d) {
      return d;
    }
    if (raw instanceof Float f) {
      return new BigDecimal(Float.toString(f));
    }
    if (raw instanceof Double d) {
      return new BigDecimal(Double.toString(d));
    }
    if (raw instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (raw instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (raw instanceof byte[] bytes) {
      return new BigDecimal(new BigInteger(1, bytes));
    }
    String text = raw.toString();
    if (text.isEmpty()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new SQLException("cannot read '" + text + "' as a number", "22018", e);
    }
  }

  /** The whole part of a number, or 22003 when it does not fit the getter's type. */
  static long integral(BigDecimal value, long min, long max, String type) throws SQLException {
    BigInteger whole = value.toBigInteger();
    if (whole.compareTo(BigInteger.valueOf(min)) < 0
        || whole.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new SQLException(
          "value " + value.toPlainString() + " is out of range for " + type, "22003");
    }
    return whole.longValue();
  }
}
